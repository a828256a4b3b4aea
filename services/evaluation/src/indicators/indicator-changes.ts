import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { filter, map, merge, Observable, Subject, interval, concatMap, from, startWith, takeUntil, timer } from 'rxjs';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { JsonLogger } from '@ccndr/observability';
import { notifyChannels, PgListener, withinConsortia } from '@ccndr/persistence';
import { IndicatorsService, IndicatorView } from './indicators.service';

export interface IndicatorMessage {
  type: 'indicators' | 'indicator' | 'ping';
  data: IndicatorView[] | IndicatorView | Record<string, never>;
}

/**
 * Which consortia's indicators changed, as PostgreSQL announces at commit (whichever replica
 * applied the event), turned into a stream per consortium: the whole list first, then each
 * indicator that changed, and a ping to keep the connection open, until `until` (the expiry of the
 * token that opened it).
 */
@Injectable()
export class IndicatorChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly changes = new Subject<string>();
  private readonly listener: PgListener;

  constructor(
    private readonly indicators: IndicatorsService,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    logger: JsonLogger,
  ) {
    this.listener = new PgListener({
      databaseUrl: config.DATABASE_URL,
      channel: notifyChannels.indicatorsChanged.in(config.DATABASE_SCHEMA),
      onNotify: (consortiumId) => this.changes.next(consortiumId),
      log: (level, message, fields) => logger.write(level, message, fields),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  onApplicationShutdown(): Promise<void> {
    this.changes.complete();
    return this.listener.stop();
  }

  async stream(consortiumId: string, until: Date): Promise<Observable<IndicatorMessage>> {
    const first = await this.indicators.list(consortiumId);
    const sent = new Map(first.map((i) => [i.key, i.updatedAt]));
    const updates = this.changes.pipe(
      filter((id) => id === consortiumId),
      // Read in the consortium's scope: the notification arrives outside the request that opened the stream.
      concatMap(() => from(withinConsortia([consortiumId], () => this.indicators.list(consortiumId)))),
      concatMap((current) => {
        const changed = current.filter((i) => sent.get(i.key) !== i.updatedAt);
        for (const i of changed) sent.set(i.key, i.updatedAt);
        return from(changed.map((i): IndicatorMessage => ({ type: 'indicator', data: i })));
      }),
    );
    const pings = interval(25_000).pipe(map((): IndicatorMessage => ({ type: 'ping', data: {} })));
    return merge(updates, pings).pipe(startWith<IndicatorMessage>({ type: 'indicators', data: first }), takeUntil(timer(until)));
  }
}
