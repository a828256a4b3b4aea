import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, openDatabase } from '@ccndr/persistence';
import { LeaseLost, leaseTtlMs, messagingMigrations, partitionedConsumers, partitionOfSubject, PartitionLeases, PartitionLeases1764000018100 } from '../src';

/** Waits for `check` to hold, polling (bounded). */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Partition leases against a real PostgreSQL: shares, hand-over, takeover of a dead replica's, fencing. */
describe('PartitionLeases', () => {
  const schema = `leases_test_${randomBytes(4).toString('hex')}`;
  const consumers = partitionedConsumers('group', 'x.>', 3);
  const pools: DataSource[] = [];
  const replicas: PartitionLeases[] = [];
  const open = async () => {
    const db = await openDatabase(createDataSource({ url: process.env.TEST_DATABASE_URL!, schema, entities: [], migrations: [...messagingMigrations, PartitionLeases1764000018100], poolSize: 3 }), schema);
    pools.push(db);
    return db;
  };
  const replica = async (db: DataSource) => {
    const leases = new PartitionLeases(db, consumers, () => undefined);
    replicas.push(leases);
    await leases.start(() => undefined);
    return leases;
  };
  const held = (...leases: PartitionLeases[]) => leases.flatMap((l) => [...l.current()]).sort();

  afterAll(async () => {
    for (const leases of replicas) await leases.stop();
    await pools[0]?.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    for (const db of pools) if (db.isInitialized) await db.destroy();
  });

  it('splits consortia by their subject’s last token, the same way everywhere', () => {
    expect(consumers.map((c) => c.durable)).toEqual(['group-0', 'group-1', 'group-2']);
    expect(partitionedConsumers('group', 'x.>', 1)).toEqual([{ durable: 'group', filterSubject: 'x.>', partition: { group: 'group', index: 0, count: 1 } }]);
    const id = '0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10';
    expect(partitionOfSubject(`ccndr.community.member.joined.v1.${id}`, 3)).toBe(partitionOfSubject(`ns.ccndr.evaluation.indicator.changed.v2.${id}`, 3));
    const spread = new Set(Array.from({ length: 60 }, (_, i) => partitionOfSubject(`a.b.${i.toString(16).padStart(8, '0')}-9d4c-4c1e-8a53-2f4d8b1c7a10`, 3)));
    expect(spread).toEqual(new Set([0, 1, 2]));
  });

  it('shares the partitions between live replicas, takes a dead one’s after its lease runs out, and fences a batch against a takeover', async () => {
    const first = await replica(await open());
    expect(held(first)).toEqual(['group-0', 'group-1', 'group-2']);
    const second = await replica(await open());
    // ceil(3 / 2): the first hands one back, the second takes it.
    await until(() => first.current().size === 2 && second.current().size === 1);
    expect(held(first, second)).toEqual(['group-0', 'group-1', 'group-2']);

    // A batch of the second's partition holds its lease row: a takeover waits for its commit, and a batch after it finds the lease gone.
    const [partition] = [...second.current()];
    const batch = pools[1].createQueryRunner();
    await batch.startTransaction();
    await second.hold(batch.manager, partition);
    const takeover = pools[0].query(`UPDATE consumer_leases SET owner = 'someone-else' WHERE consumer = $1`, [partition]);
    await until(async () => (await pools[0].query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE consumer_leases SET owner = ''someone-else''%'`)).length === 1);
    await batch.commitTransaction();
    await takeover;
    await batch.startTransaction();
    await expect(second.hold(batch.manager, partition)).rejects.toBeInstanceOf(LeaseLost);
    await batch.rollbackTransaction();
    await batch.release();
    await pools[0].query(`UPDATE consumer_leases SET owner = NULL, expires_at = '-infinity' WHERE consumer = $1`, [partition]);
    await until(() => first.current().size + second.current().size === 3);

    // The second dies (its database gone: no more renewals): the first takes its partition once its heartbeat and lease run out.
    await pools[1].destroy();
    await until(() => first.current().size === 3, 3 * leaseTtlMs);

    // A graceful stop hands the leases back at once: a new replica finds them free.
    await first.stop();
    const [{ owners }] = await pools[0].query(`SELECT count(owner)::int AS owners FROM consumer_leases`);
    expect(owners).toBe(0);
  });
});
