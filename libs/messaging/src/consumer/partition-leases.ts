import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { query } from '@ccndr/persistence';
import { DurableConsumerSpec, isLeased } from '../topology';
import { claimLeases, declarePartitions, heartbeat, holdLease, leave, otherPartitionCounts, releaseLeases, renewLeases } from './partition-leases.sql';

/** How often a replica says it is alive and renews its leases, and how long both last unrenewed. */
export const leaseRenewalMs = 1500;
export const leaseTtlMs = 5000;

/** A batch found its partition's lease no longer this replica's: nothing of it was applied. */
export class LeaseLost extends Error {
  constructor(readonly consumer: string) {
    super(`the lease of ${consumer} is no longer this replica's`);
  }
}

/**
 * Which partitions of the service's partitioned consumer group this replica applies, agreed through
 * PostgreSQL: a lease row per partition (owner, expiry) and a heartbeat row per replica. Every
 * `leaseRenewalMs` a replica renews its heartbeat and leases, and aims at ceil(partitions / live
 * replicas): it hands extras back and takes free or expired ones. A replica that dies stops
 * renewing: within `leaseTtlMs` its heartbeat and leases run out and the others take its share.
 * Each apply transaction holds its lease's row (holdLease), so a replica that lost its lease
 * while paused applies nothing more.
 */
export class PartitionLeases {
  /** This process, in the lease rows and the logs. */
  readonly replica = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly partitions: string[];
  private readonly count: number;
  private held = new Set<string>();
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  private listener: (held: ReadonlySet<string>) => void = () => undefined;

  constructor(
    private readonly db: DataSource,
    consumers: DurableConsumerSpec[],
    private readonly log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void,
  ) {
    const leased = consumers.filter(isLeased);
    this.partitions = leased.map((c) => c.durable);
    this.count = leased[0]?.partition?.count ?? 1;
  }

  /** Whether the service has partitions to lease at all. */
  get active(): boolean {
    return this.partitions.length > 0;
  }

  /** The partitions this replica holds now. */
  current(): ReadonlySet<string> {
    return this.held;
  }

  /**
   * Refuses to run beside replicas of another partition count (their partitions split the
   * consortia differently: two of them could apply one consortium at once).
   */
  async refuseOtherCounts(): Promise<void> {
    const others = await query(this.db, otherPartitionCounts, [this.count]);
    if (others.length) {
      throw new Error(
        `replicas with ${others.map((o) => o.partitions).join(', ')} partitions are running, this one has ${this.count}: stop every replica before changing the partition count (docs/operations.md#evaluation-partitions)`,
      );
    }
  }

  /** Starts heartbeating; `listener` hears the set of partitions held each time it changes. */
  async start(listener: (held: ReadonlySet<string>) => void): Promise<void> {
    this.listener = listener;
    await query(this.db, declarePartitions, [this.partitions]);
    await this.renew();
    this.schedule();
  }

  /** Stops heartbeating and hands every lease back at once (after the consumers finished their batches). */
  async stop(): Promise<void> {
    if (!this.active) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.tick;
    await query(this.db, releaseLeases, [this.replica, this.partitions]).catch(() => undefined);
    await query(this.db, leave, [this.replica]).catch(() => undefined);
    this.held = new Set();
  }

  /** A batch found the lease gone: the partition stops being consumed here until it is taken again. */
  lost(consumer: string): void {
    if (!this.held.has(consumer)) return;
    this.held = new Set([...this.held].filter((c) => c !== consumer));
    this.log('warn', 'partition lease lost', { consumer, replica: this.replica });
    this.listener(this.held);
  }

  /** In an apply transaction: fails unless the lease is this replica's (held to the commit). */
  async hold(manager: EntityManager, consumer: string): Promise<void> {
    const [row] = await query(manager, holdLease, [consumer, this.replica]);
    if (!row) throw new LeaseLost(consumer);
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.tick = this.renew()
        .catch((error: unknown) => this.log('warn', 'partition leases not renewed; trying again', { replica: this.replica, error: String(error) }))
        .finally(() => {
          if (this.timer) this.schedule();
        });
    }, leaseRenewalMs).unref();
  }

  /** One round: heartbeat, renew, then hand extras back or take what is free, up to this replica's share. */
  private async renew(): Promise<void> {
    const [{ live }] = await query(this.db, heartbeat, [this.replica, this.count, leaseTtlMs]);
    let held = (await query(this.db, renewLeases, [this.replica, leaseTtlMs])).map((r) => r.consumer).filter((c) => this.partitions.includes(c));
    const share = Math.ceil(this.partitions.length / Math.max(1, live));
    if (held.length > share) {
      const extras = held.sort().slice(share);
      await query(this.db, releaseLeases, [this.replica, extras]);
      held = held.filter((c) => !extras.includes(c));
    } else if (held.length < share) {
      const taken = await query(this.db, claimLeases, [this.replica, leaseTtlMs, this.partitions, share - held.length]);
      held.push(...taken.map((r) => r.consumer));
    }
    const next = new Set(held);
    if (next.size !== this.held.size || [...next].some((c) => !this.held.has(c))) {
      this.log('info', 'partition leases', { replica: this.replica, held: [...next].sort(), live });
      this.held = next;
      this.listener(this.held);
    }
  }
}
