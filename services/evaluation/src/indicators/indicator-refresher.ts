import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { JsonLogger } from '@ccndr/observability';
import { asPlatform, notifyChannels, PgListener } from '@ccndr/persistence';
import { msUntilRecomputationDue, refreshStaleIndicators } from './refresh';

/**
 * Passes start at most this often, and a pass waits at least as long as the one before it took:
 * under a steady stream of events, or a backlog where a pass recomputes many consortia, the
 * refresher takes at most half the time and the rest is left to ingest and to commands. A change
 * waits at most this long (or the last pass's length), plus its recomputation, to be seen. 10 ms
 * rather than 50: at light load the spacing was most of a change's wait (20 commands/s: p50
 * 36 → 17 ms), for the same passes (one a command); at 100/s, 15 % more of evaluation's CPU
 * (docs/benchmarks.md, freshness).
 */
const passIntervalMs = 10;
/** After a failed pass, the next one waits this long. */
const retryAfterFailureMs = 1000;

/**
 * Recomputes the indicators of consortia that events marked stale, as soon as the events' commit
 * announces it (whichever replica applied them), and every INDICATOR_REFRESH_POLL_INTERVAL_MS
 * regardless (marks whose notification was missed, or left by a replica that stopped), and when a
 * consortium's indicators change with time alone (its next gathering starts). While it runs,
 * new marks wait for its next pass: under a backlog, each consortium is recomputed once per pass,
 * not once per batch of events, and passes are at least 10 ms apart.
 */
@Injectable()
export class IndicatorRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listener: PgListener;
  private running?: Promise<void>;
  private stopping = false;
  /** Marks may be waiting (at start: those a previous process left). */
  private pending = true;
  private wake?: () => void;
  private readonly pollMs: number;

  constructor(
    private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly logger: JsonLogger,
  ) {
    this.pollMs = config.INDICATOR_REFRESH_POLL_INTERVAL_MS;
    this.listener = new PgListener({
      databaseUrl: config.DATABASE_URL,
      channel: notifyChannels.indicatorsStale.in(config.DATABASE_SCHEMA),
      onNotify: () => this.poke(),
      log: (level, message, fields) => logger.write(level, message, fields),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.running = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.poke();
    await this.running;
    await this.listener.stop();
  }

  private poke(): void {
    this.pending = true;
    this.wake?.();
  }

  /** How long to wait for marks: until the next consortium's time comes, at most the poll interval. */
  private async untilNextDue(): Promise<number> {
    try {
      const wait = await asPlatform(() => msUntilRecomputationDue(this.db));
      return wait === null ? this.pollMs : Math.min(this.pollMs, wait);
    } catch {
      return this.pollMs;
    }
  }

  private async run(): Promise<void> {
    let passStartedAt = 0;
    let passTookMs = 0;
    while (!this.stopping) {
      if (!this.pending) {
        // Told of new marks, a consortium's time come, or time to look regardless.
        const waitMs = await this.untilNextDue();
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          // Told, or stopped, while the clock was read: no wait.
          if (this.pending || this.stopping) return resolve();
          this.wake = resolve;
          timer = setTimeout(resolve, waitMs);
        });
        clearTimeout(timer);
        this.wake = undefined;
        if (this.stopping) break;
      }
      // As long a pause as the last pass took: twice its length from its start.
      const early = passStartedAt + Math.max(passIntervalMs, 2 * passTookMs) - Date.now();
      if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
      passStartedAt = Date.now();
      this.pending = false;
      try {
        const left = await asPlatform(() => refreshStaleIndicators(this.db));
        passTookMs = Date.now() - passStartedAt;
        // Held by another replica or marked again meanwhile: another pass.
        if (left > 0) this.pending = true;
      } catch (error) {
        passTookMs = 0;
        this.logger.write('warn', 'indicator refresh failed; will try again', { error: String(error) });
        this.pending = true;
        await new Promise((resolve) => setTimeout(resolve, retryAfterFailureMs));
      }
    }
  }
}
