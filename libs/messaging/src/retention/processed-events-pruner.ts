import { DataSource } from 'typeorm';
import { query } from '@ccndr/persistence';
import { pruneProcessedEvents } from './processed-events-pruner.sql';

export interface ProcessedEventsPrunerOptions {
  /** Days a processed-event record is kept (docs/operations.md, "Retention": longer than dead letters, outages and rebuilds). */
  horizonDays: number;
  /** Records deleted per transaction: short transactions, no long lock on the table. */
  batchSize: number;
  /** How often a pass runs. */
  intervalMs: number;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Deletes processed-event records past the horizon, in batches, periodically. Safe because every
 * handler is idempotent by a natural key as well (docs/events.md, "Duplicates after pruning"): an
 * event redelivered after its record went changes nothing and publishes nothing. Several instances
 * may run it at once (SKIP LOCKED).
 */
export class ProcessedEventsPruner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  /** Set by stop(): a pass in progress ends after its current batch. */
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly options: ProcessedEventsPrunerOptions,
  ) {}

  start(): void {
    this.stopping = false;
    this.timer = setInterval(() => this.pass(), this.options.intervalMs);
    this.pass();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes every record past the horizon, a batch per transaction; returns how many. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ pruned }] = await query(this.db, pruneProcessedEvents, [this.options.horizonDays, this.options.batchSize]);
      total += pruned;
      if (pruned < this.options.batchSize || this.stopping) return total;
    }
  }

  private pass(): void {
    if (this.running) return;
    this.running = this.prune()
      .then((pruned) => pruned > 0 && this.options.log('info', 'processed-event records pruned', { pruned, horizonDays: this.options.horizonDays }))
      .catch((error: unknown) => this.options.log('warn', 'pruning processed-event records failed; will retry', { error: String(error) }))
      .finally(() => (this.running = undefined));
  }
}
