import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Transporter } from 'nodemailer';
import { createTransport } from 'nodemailer';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { isLoopbackAddress, SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { extractTraceContext, inSpan } from '@ccndr/messaging';
import { JsonLogger } from '@ccndr/observability';
import { asPlatform, query } from '@ccndr/persistence';
import { DigestNotifications } from './digest-notifications';
import { GatheringNotifications } from './gathering-notifications';
import { SurveyNotifications } from './survey-notifications';
import { dropMail, markFailed, markRetry, markSent, QueuedMail, stillWanted, takeDueMail } from './notifications.sql';
import { categoryOfKind, UnsubscribeLinks } from './unsubscribe-token';

/** What became of one attempt: sent, to be tried again, or refused for good. */
export type SendOutcome = 'sent' | 'retried' | 'failed';

/**
 * Whether the mail server refused a message for good: a permanent SMTP reply (5xx, such as an
 * unknown mailbox). Anything else — no connection, a timeout, a transient 4xx — is tried again.
 */
export function isPermanentRejection(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends the mail queue through SMTP, like the outbox relay publishes events: each message is taken
 * in a transaction of its own with SKIP LOCKED (several instances share the queue), sent, then
 * marked in that transaction. While the server is unreachable a message waits, its delay doubling
 * (MAIL_RETRY_BASE_MS up to MAIL_RETRY_MAX_MS); a permanent refusal (5xx) marks it failed. Rows
 * stay in PostgreSQL across restarts. A crash between the server's acceptance and the commit sends
 * that one message again when the service is back (at most one duplicate per crash).
 * Without SMTP_URL nothing is sent and the queue is kept. A reminder is due at its time before the
 * gathering, by the database's clock (`now()`, like every due row), and written when it is taken.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private readonly outcomes: Counter<'outcome'>;

  constructor(
    private readonly db: DataSource,
    private readonly notifications: GatheringNotifications,
    private readonly digests: DigestNotifications,
    private readonly surveys: SurveyNotifications,
    private readonly unsubscribe: UnsubscribeLinks,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly logger: JsonLogger,
    @Inject(Registry) registry: Registry,
  ) {
    this.outcomes = new Counter({
      name: 'ccndr_mail_messages_total',
      help: 'Notification e-mails by outcome of each attempt: sent, retried (the mail server unreachable or busy), failed (refused for good); withdrawn: not sent, its recipient gone, unsubscribed from its category since it was queued, or a reminder no longer concerning them.',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of ['sent', 'retried', 'failed', 'withdrawn'] as const) this.outcomes.inc({ outcome }, 0);
  }

  onApplicationBootstrap(): void {
    if (!this.config.SMTP_URL) {
      this.logger.write('info', 'SMTP_URL is not set: notifications are queued, not sent');
      return;
    }
    // Credentials never go over a connection left unencrypted (STARTTLS required), unless the server is this machine's.
    const server = new URL(this.config.SMTP_URL);
    const requireTLS = server.protocol === 'smtp:' && server.username !== '' && !isLoopbackAddress(server.hostname);
    this.transport = createTransport({ url: this.config.SMTP_URL, requireTLS }, { from: this.config.MAIL_FROM });
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.config.MAIL_POLL_INTERVAL_MS);
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Runs a pass now unless one is in progress. */
  wake(): void {
    if (this.stopped || this.running) return;
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.sendOne()));
    } catch (error) {
      this.logger.write('warn', 'mail sender pass failed; will retry', { error: String(error) });
    }
  }

  /** One message in one transaction; false when none is due. */
  private sendOne(): Promise<boolean> {
    return asPlatform(() =>
      this.db.transaction(async (manager) => {
        const [due] = await query(manager, takeDueMail, [1]);
        if (!due) return false;
        // Who left, or turned the category off after the message was queued, gets nothing.
        const [recipient] = await query(manager, stillWanted, [due.consortium_id, due.member_id, categoryOfKind(due.kind)]);
        if (!recipient?.wanted) {
          await query(manager, dropMail, [due.id]);
          this.outcomes.inc({ outcome: 'withdrawn' });
          return true;
        }
        // Reminders, digests and survey invitations are written when due; the others were when queued.
        const mail =
          due.kind === 'gathering-reminder'
            ? await this.notifications.prepareReminder(manager, due)
            : due.kind === 'digest'
              ? await this.digests.prepare(manager, due)
              : due.kind === 'survey-invitation'
                ? await this.surveys.prepare(manager, due)
                : (due as QueuedMail);
        if (mail === 'postponed') return true;
        if (mail === 'dropped') {
          // A reminder that concerns its recipient no longer (the gathering cancelled, the member gone or not going), a survey invitation to someone absent or who answered.
          this.outcomes.inc({ outcome: 'withdrawn' });
          return true;
        }
        const outcome = await this.send(mail, this.unsubscribe.url({ consortiumId: due.consortium_id, memberId: due.member_id, category: categoryOfKind(due.kind) }));
        if (outcome.result === 'sent') {
          const [{ sentAt }] = await query(manager, markSent, [mail.id]);
          // Published with the record that it was sent: once per reminder, whatever the retries before.
          if (due.kind === 'gathering-reminder') await this.notifications.reminderSent(manager, due, sentAt);
        } else if (outcome.result === 'failed') await query(manager, markFailed, [mail.id, outcome.error]);
        else await query(manager, markRetry, [mail.id, outcome.error, this.config.MAIL_RETRY_BASE_MS, this.config.MAIL_RETRY_MAX_MS]);
        // A digest sent or refused for good: next week's waits (one retried keeps its row).
        if (due.kind === 'digest' && outcome.result !== 'retried') await this.digests.plan(manager, due.consortium_id, due.member_id);
        this.outcomes.inc({ outcome: outcome.result });
        if (outcome.result !== 'sent') this.logger.write('warn', outcome.result === 'failed' ? 'mail refused by the server; not retried' : 'mail not sent; will retry', { mailId: mail.id, kind: mail.kind, attempts: mail.attempts + 1, error: outcome.error });
        return true;
      }),
    );
  }

  /** The SMTP exchange, a span in the trace of the event that queued the message (no address in it). */
  private send(mail: QueuedMail, unsubscribeUrl: string): Promise<{ result: SendOutcome; error: string }> {
    return inSpan(
      'smtp send',
      { kind: SpanKind.CLIENT, attributes: { 'ccndr.mail.id': mail.id, 'ccndr.mail.kind': mail.kind, 'ccndr.consortium_id': mail.consortium_id, 'ccndr.mail.attempt': mail.attempts + 1 } },
      extractTraceContext(undefined, mail.traceparent ?? undefined),
      async () => {
        try {
          await this.transport!.sendMail({
            to: mail.recipient,
            subject: mail.subject,
            text: mail.text_body,
            html: mail.html_body,
            // Sent by the platform, not a person: out-of-office replies stay quiet (RFC 3834).
            // One-click unsubscribe (RFC 8058): a mail client POSTs `List-Unsubscribe=One-Click` to the link (nodemailer writes List-Unsubscribe: <url>).
            headers: { 'Auto-Submitted': 'auto-generated', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
            list: { unsubscribe: unsubscribeUrl },
            ...(mail.calendar
              ? {
                  // The calendar part calendar clients act on, and the same entry as a file for the others.
                  icalEvent: { method: mail.calendar_method ?? 'REQUEST', content: mail.calendar },
                  attachments: [{ filename: 'invitation.ics', content: mail.calendar, contentType: 'application/ics' }],
                }
              : {}),
          });
          return { result: 'sent' as const, error: '' };
        } catch (error) {
          // A server's refusal often quotes the recipient: the address stays out of the trace, the log and the queue row.
          const reason = withoutAddresses(String(error)).slice(0, 1000);
          trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: reason });
          return { result: isPermanentRejection(error) ? ('failed' as const) : ('retried' as const), error: reason };
        }
      },
    );
  }
}

/** Text with every e-mail address replaced by a placeholder. */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '<address>');
}
