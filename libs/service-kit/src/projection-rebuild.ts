import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { DomainError, say } from '@ccndr/contracts';
import { consumerGroups, EventBusTopology, StreamHistoryGap, StreamReplayer } from '@ccndr/messaging';
import { JsonLogger } from '@ccndr/observability';
import { asPlatform, createDataSource, openDatabase } from '@ccndr/persistence';
import { EVENT_TOPOLOGY, platformMigrations, SERVICE_SPEC, ServiceSpec } from './service-spec';

export interface RebuildStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  phase: 'creating' | 'replaying' | 'settling' | 'switching' | 'catching-up' | 'cleaning-up' | null;
  applied: number;
  sequence: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/**
 * Rebuilds every projection of the service from the start of the stream into a fresh schema,
 * then switches over: the fresh schema takes the service's name (the tables named in
 * `spec.rebuild.keep` and the pending outbox are carried over) and catches up with what arrived
 * meanwhile. Live consumption goes on throughout; projections stored by natural key make the
 * overlap harmless. One rebuild at a time across replicas (an advisory lock).
 */
@Injectable()
export class ProjectionRebuild {
  private status: RebuildStatus = { state: 'idle', phase: null, applied: 0, sequence: 0, startedAt: null, finishedAt: null, error: null };

  constructor(
    private readonly db: DataSource,
    private readonly replayer: StreamReplayer,
    private readonly logger: JsonLogger,
    @Inject(SERVICE_SPEC) private readonly spec: ServiceSpec,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(EVENT_TOPOLOGY) private readonly topology: EventBusTopology,
  ) {}

  current(): RebuildStatus {
    return { ...this.status };
  }

  /** Starts a rebuild in the background; 409 while one runs. */
  async start(): Promise<RebuildStatus> {
    if (this.status.state === 'running') throw new DomainError('rebuild.already-running', { detail: say('a rebuild is already running on this instance', 'une reconstruction est déjà en cours sur cette instance') });
    await this.refuseTruncatedStream();
    const lock = this.db.createQueryRunner();
    await lock.connect();
    const [{ locked }] = await lock.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [`rebuild:${this.config.DATABASE_SCHEMA}`]);
    if (!locked) {
      await lock.release();
      throw new DomainError('rebuild.already-running', { detail: say('a rebuild is already running on another instance', 'une reconstruction est déjà en cours sur une autre instance') });
    }
    this.status = { state: 'running', phase: 'creating', applied: 0, sequence: 0, startedAt: new Date().toISOString(), finishedAt: null, error: null };
    // Every consortium's rows, whoever asked.
    void asPlatform(() => this.run())
      .then(() => (this.status = { ...this.status, state: 'done', phase: null, finishedAt: new Date().toISOString() }))
      .catch((error) => {
        this.logger.write('error', 'rebuild failed', { error: String(error) });
        this.status = { ...this.status, state: 'failed', finishedAt: new Date().toISOString(), error: String(error) };
      })
      .finally(async () => {
        await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`rebuild:${this.config.DATABASE_SCHEMA}`]).catch(() => undefined);
        await lock.release();
      });
    return this.current();
  }

  /**
   * A stream that no longer starts at its first event would give truncated projections: refused
   * before anything is created, and again before the switch (limits may drop its head meanwhile).
   */
  private async refuseTruncatedStream(): Promise<void> {
    const gap = await this.replayer.historyGap();
    if (gap) throw new DomainError('rebuild.stream-truncated', { detail: truncation(gap, this.topology.eventsStream) });
  }

  private async run(): Promise<void> {
    const live = this.config.DATABASE_SCHEMA;
    const stamp = Date.now();
    const fresh = `${live}_rebuild_${stamp}`;
    const replaced = `${live}_replaced_${stamp}`;
    const scratch = createDataSource({ url: this.config.DATABASE_URL, schema: fresh, entities: this.spec.entities, migrations: [...platformMigrations, ...this.spec.migrations], poolSize: 2 });
    await openDatabase(scratch, fresh);
    await scratch.destroy();

    // A partitioned group is replayed once, as a whole, under its name.
    const consumers = consumerGroups(this.spec.consumers?.(this.topology, process.env) ?? []);
    /** Progress of one replay, added to what earlier replays applied. */
    const progressFrom = (base: number) => (applied: number, sequence: number) => (this.status = { ...this.status, applied: base + applied, sequence });
    const reachedSequence = new Map<string, number>();
    this.status.phase = 'replaying';
    for (const consumer of consumers) {
      const { lastSequence } = await this.replayer.replay(consumer, fresh, { onProgress: progressFrom(this.status.applied) });
      reachedSequence.set(consumer.durable, lastSequence);
      this.logger.write('info', 'rebuild replayed', { consumer: consumer.durable, sequence: lastSequence, schema: fresh });
    }

    if (this.spec.rebuild?.settle) {
      this.status.phase = 'settling';
      await this.spec.rebuild.settle(this.db, fresh);
    }

    await this.refuseTruncatedStream().catch(async (error: unknown) => {
      await this.db.query(`DROP SCHEMA "${fresh}" CASCADE`);
      throw error;
    });
    this.status.phase = 'switching';
    // Statements naming the live and the rebuilt schema, known at run time: written here, not declared in a .sql.ts.
    await this.db.transaction(async (manager) => {
      // Waits for events being applied to the live schema, and holds new ones until the switch commits.
      await manager.query(`LOCK TABLE "${live}".processed_events IN SHARE ROW EXCLUSIVE MODE`);
      for (const table of [...(this.spec.rebuild?.keep ?? []), 'idempotency_keys']) await manager.query(`INSERT INTO "${fresh}"."${table}" SELECT * FROM "${live}"."${table}"`);
      await manager.query(
        `INSERT INTO "${fresh}".outbox (event_id, subject, payload, traceparent, consortium_id, created_at, attempts, next_attempt_at, last_error)
         SELECT event_id, subject, payload, traceparent, consortium_id, created_at, attempts, next_attempt_at, last_error FROM "${live}".outbox ORDER BY position`,
      );
      await manager.query(`ALTER SCHEMA "${live}" RENAME TO "${replaced}"`);
      await manager.query(`ALTER SCHEMA "${fresh}" RENAME TO "${live}"`);
    });

    // What the live consumers applied to the replaced schema while the rebuild ran.
    this.status.phase = 'catching-up';
    for (const consumer of consumers) {
      await this.replayer.replay(consumer, live, { fromSequence: (reachedSequence.get(consumer.durable) ?? 0) + 1, onProgress: progressFrom(this.status.applied) });
    }
    this.status.phase = 'cleaning-up';
    await this.db.query(`DROP SCHEMA "${replaced}" CASCADE`);
  }
}

/** Why a rebuild is refused, in both languages. */
function truncation(gap: StreamHistoryGap, stream: string) {
  const rebuilt = say('a rebuild would install truncated projections; the current ones are kept (docs/operations.md#backup-and-restore)', 'une reconstruction installerait des projections tronquées\u00a0; les projections actuelles sont conservées (docs/operations.md#backup-and-restore)');
  if (gap.kind === 'recreated') {
    return say(`the events stream ${stream} was recreated empty by an operator: the events before it are gone, and ${rebuilt.en}`, `le flux d’événements ${stream} a été recréé vide par un opérateur\u00a0: les événements antérieurs sont perdus, et ${rebuilt.fr}`);
  }
  return say(
    `the events stream ${stream} starts at sequence ${gap.firstSequence}, not at its first event: events 1 to ${gap.firstSequence - 1} are gone (limits or a purge), and ${rebuilt.en}`,
    `le flux d’événements ${stream} commence à la séquence ${gap.firstSequence}, et non à son premier événement\u00a0: les événements 1 à ${gap.firstSequence - 1} sont perdus (limites ou purge), et ${rebuilt.fr}`,
  );
}
