import { parseEventSubject } from '@ccndr/contracts';
import { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { context, SpanKind } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import { notifyChannels, PgListener, query } from '@ccndr/persistence';
import { failpoint } from '../failpoint';
import { extractTraceContext, injectTraceHeaders, inSpan, messagingAttributes } from '../trace-context';
import { outboxBacklog, OutboxRow, putBackFailed, takeDueEvents } from './outbox.sql';

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

/**
 * Publishes committed outbox rows to JetStream with Nats-Msg-Id = event id; a row leaves the
 * outbox when the transaction that took it commits after its publish was acknowledged. Wakes on
 * the commit NOTIFY, polls as a safety net, takes rows with SKIP LOCKED so several instances share
 * the work, and backs off per row on failure; a row is never dropped.
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
    this.listener = new PgListener({ databaseUrl: options.databaseUrl, channel: notifyChannels.outboxCommitted.in(options.schema), onNotify: () => this.wake(), log: options.log });
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
    const [row] = await query(this.db, outboxBacklog, []);
    return { pending: row.pending, failing: row.failing, oldestAgeSeconds: row.age };
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.publishBatch()) === this.batchSize);
    } catch (error) {
      this.options.log('warn', 'outbox relay pass failed; will retry', { error: String(error) });
    }
  }

  /**
   * One transaction: take a batch of due rows out of the outbox (their removal holds their locks
   * until commit, so other instances skip them), publish them together, and put back those whose
   * publish failed, to be tried again later. Should the process stop before commit, every row is
   * still there. Three round trips to the database per batch, whatever its size.
   */
  private async publishBatch(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const taken = await query(manager, takeDueEvents, [this.batchSize]);
      if (taken.length === 0) return 0;
      // Published in the order they were committed.
      const rows = taken.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
      const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const failed = rows.flatMap((row, i) => {
        const result = results[i];
        return result.status === 'rejected' ? [{ row, reason: String(result.reason) }] : [];
      });
      if (failed.length < rows.length) failpoint('relay-after-publish');
      if (failed.length) {
        await query(manager, putBackFailed, [
          failed.map((f) => f.row.position),
          failed.map((f) => f.row.event_id),
          failed.map((f) => f.row.subject),
          failed.map((f) => f.row.payload),
          failed.map((f) => f.row.traceparent),
          failed.map((f) => f.row.consortium_id),
          failed.map((f) => f.row.created_at),
          failed.map((f) => f.row.attempts),
          failed.map((f) => f.reason),
        ]);
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
        attributes: messagingAttributes({ send: true }, { subject: row.subject, id: row.event_id, type: named?.type, consortiumId: named?.consortiumId }),
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
