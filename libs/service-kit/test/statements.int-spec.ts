import { join } from 'node:path';
import { PartitionLeases1764000018100 } from '@ccndr/messaging';
import { checkStatements } from '@ccndr/persistence';
import { platformMigrations } from '../src';

describe('platform SQL statements (outbox, idempotency keys, partition leases)', () => {
  it('every statement prepares against the platform tables (and the partition leases of the services that partition)', async () => {
    const libs = join(__dirname, '../..');
    const { checked, failures } = await checkStatements(process.env.TEST_DATABASE_URL!, [...platformMigrations, PartitionLeases1764000018100], [join(libs, 'service-kit/src'), join(libs, 'messaging/src')]);
    expect(checked).toEqual(expect.arrayContaining([expect.stringMatching(/outbox\.sql\.ts#takeDueEvents$/), expect.stringMatching(/idempotency\.sql\.ts#claimKey$/), expect.stringMatching(/partition-leases\.sql\.ts#holdLease$/)]));
    expect(failures).toEqual([]);
  });
});
