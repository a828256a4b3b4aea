import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { JsonLogger } from '@ccndr/observability';
import { asPlatform, PgListener } from '@ccndr/persistence';
import { refreshStaleIndicators } from './refresh';

/** How often marks are looked for without being told: those whose notification was missed, or left by a replica that stopped. */
const pollMs = 1000;

/**
 * Recomputes the indicators of consortia that events marked stale, as soon as the events' commit
 * announces it (whichever replica applied them), and every second regardless. While it runs,
 * new marks wait for its next pass: under a backlog, each consortium is recomputed once per pass,
 * not once per batch of events.
 */
@Injectable()
export class IndicatorRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listener: PgListener;
  private running?: Promise<void>;
  private stopping = false;
  /** Marks may be waiting (at start: those a previous process left). */
  private pending = true;
  private wake?: () => void;

  constructor(
    private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    private readonly logger: JsonLogger,
  ) {
    this.listener = new PgListener({
      databaseUrl: config.DATABASE_URL,
      channel: `${config.DATABASE_SCHEMA}_stale`,
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

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (!this.pending) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, pollMs);
        });
        this.wake = undefined;
        continue;
      }
      this.pending = false;
      try {
        const left = await asPlatform(() => refreshStaleIndicators(this.db));
        if (left > 0) {
          // Held by another replica or marked again meanwhile: another pass, after a breath.
          this.pending = true;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } catch (error) {
        this.logger.write('warn', 'indicator refresh failed; will try again', { error: String(error) });
        this.pending = true;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    }
  }
}
