import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { EngagementExpiredV1, EngagementResponseOverdueV1 } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { JsonLogger } from '@ccndr/observability';
import { asPlatform, query } from '@ccndr/persistence';
import { engagementReference } from './engagement-reference';
import { expireUnanswered, remindOverdue } from './engagements.sql';

/** Rows handled per sweep and transaction; a backlog drains over successive sweeps. */
const batchSize = 200;

/**
 * The scheduled job behind the providers' response-time promise: once a request's respondBy
 * passes it announces a reminder, and once twice the promised time passes the request expires
 * (freeing the nonprofit's pending slot and counting against the provider's response record).
 * Replicas share the work: rows are claimed with SKIP LOCKED.
 */
@Injectable()
export class EngagementDeadlines implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= asPlatform(() => this.sweep())
        .catch((error) => this.logger.write('error', 'engagement deadline sweep failed', { error: String(error) }))
        .finally(() => (this.running = undefined));
    }, this.config.ENGAGEMENT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: reminders then expiries, each in its own transaction. */
  async sweep(now = new Date()): Promise<void> {
    await this.db.transaction(async (manager) => {
      const overdue = await query(manager, remindOverdue, [now, batchSize]);
      for (const row of overdue) {
        await this.outbox.append(manager, row.consortium_id, EngagementResponseOverdueV1, { ...engagementReference(row), respondBy: row.respond_by.toISOString(), remindedAt: now.toISOString() });
      }
    });
    await this.db.transaction(async (manager) => {
      const expired = await query(manager, expireUnanswered, [now, batchSize]);
      for (const row of expired) {
        await this.outbox.append(manager, row.consortium_id, EngagementExpiredV1, { ...engagementReference(row), respondBy: row.respond_by.toISOString(), expiredAt: now.toISOString() });
      }
    });
  }
}
