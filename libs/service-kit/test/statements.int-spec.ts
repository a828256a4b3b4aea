import { join } from 'node:path';
import { checkStatements } from '@ccndr/persistence';
import { platformMigrations } from '../src';

describe('platform SQL statements (outbox, idempotency keys)', () => {
  it('every statement prepares against the platform tables every service has', async () => {
    const libs = join(__dirname, '../..');
    const { checked, failures } = await checkStatements(process.env.TEST_DATABASE_URL!, platformMigrations, [join(libs, 'service-kit/src'), join(libs, 'messaging/src')]);
    expect(checked).toEqual(expect.arrayContaining([expect.stringMatching(/outbox\.sql\.ts#takeDueEvents$/), expect.stringMatching(/idempotency\.sql\.ts#claimKey$/)]));
    expect(failures).toEqual([]);
  });
});
