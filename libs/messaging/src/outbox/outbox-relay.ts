import { parseEventSubject } from '@ccndr/contracts';
import { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { context, SpanKind } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import { PgListener } from '@ccndr/persistence';
import { failpoint } from '../failpoint';
import { extractTraceContext, injectTraceHeaders, inSpan } from '../trace-context';

export interface OutboxRelayOptions {
  schema: string;
  databaseUrl: string;
  pollIntervalMs: number;
  batchSize?: number;
  publishTimeoutMs?: number;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface OutboxBacklog {
  pending: number;
  failing: number;
  oldestAgeSeconds: number;
}

interface OutboxRow {
  position: string;
  event_id: string;
  subject: string;
  payload: string;
  traceparent: string | null;
  attempts: number;
}

/**
 * Publishes committed outbox rows to JetStream with Nats-Msg-Id = event id and deletes each row
 * once its publish is acknowledged. Wakes on the commit NOTIFY, polls as a safety net, locks rows
 * with SKIP LOCKED so several instances share the work, and backs off per row on failure; a row
 * is never dropped.
 */
export class OutboxRelay {
  private readonly listener: PgListener;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private readonly batchSize: number;

  constructor(
    private readonly db: DataSource,
    private readonly js: JetStreamClient,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.listener = new PgListener({ databaseUrl: options.databaseUrl, channel: `${options.schema}_outbox`, onNotify: () => this.wake(), log: options.log });
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.listener.start();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.listener.stop();
  }

  /** Runs a drain now, or once more right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS failing,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age FROM outbox`,
    );
    return { pending: row.pending, failing: row.failing, oldestAgeSeconds: row.age };
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.publishBatch()) === this.batchSize);
    } catch (error) {
      this.options.log('warn', 'outbox relay pass failed; will retry', { error: String(error) });
    }
  }

  /** One transaction: lock a batch of due rows, publish them together, settle each. */
  private async publishBatch(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT position, event_id, subject, payload, traceparent, attempts FROM outbox
         WHERE next_attempt_at <= now() ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const published = rows.filter((_, i) => results[i].status === 'fulfilled').map((row) => row.position);
      if (published.length) {
        failpoint('relay-after-publish');
        await manager.query(`DELETE FROM outbox WHERE position = ANY($1::bigint[])`, [published]);
      }
      const failed = rows.flatMap((row, i) => {
        const result = results[i];
        return result.status === 'rejected' ? [{ row, reason: String(result.reason) }] : [];
      });
      if (failed.length) {
        await manager.query(
          `UPDATE outbox o SET attempts = o.attempts + 1, last_error = f.reason,
             next_attempt_at = now() + least(interval '30 seconds', interval '250 milliseconds' * power(2, o.attempts))
           FROM unnest($1::bigint[], $2::text[]) AS f(position, reason) WHERE o.position = f.position`,
          [failed.map((f) => f.row.position), failed.map((f) => f.reason)],
        );
        this.options.log('warn', 'outbox publish failed; rows will be retried', { failed: failed.length, error: failed[0].reason });
      }
      return rows.length;
    });
  }

  private publish(row: OutboxRow): Promise<void> {
    const parent = extractTraceContext(undefined, row.traceparent ?? undefined);
    const named = parseEventSubject(row.subject);
    return inSpan(
      `${row.subject} publish`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'send',
          'messaging.destination.name': row.subject,
          'messaging.message.id': row.event_id,
          'cloudevents.event_id': row.event_id,
          'cloudevents.event_type': named?.type,
          'ccndr.consortium_id': named?.consortiumId,
        },
      },
      parent,
      async () => {
        const h = headers();
        injectTraceHeaders(h, context.active());
        await this.js.publish(row.subject, row.payload, {
          msgID: row.event_id,
          headers: h,
          timeout: this.options.publishTimeoutMs ?? 5000,
        });
      },
    );
  }
}
