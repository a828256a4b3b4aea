import { join } from 'node:path';
import { checkStatements } from '@ccndr/persistence';
import { platformMigrations } from '@ccndr/service-kit';
import { providerMatchingService } from '../src/provider-matching.service-spec';

describe('provider-matching SQL statements', () => {
  it('every statement prepares against the migrated provider-matching schema', async () => {
    const { checked, failures } = await checkStatements(process.env.TEST_DATABASE_URL!, [...platformMigrations, ...providerMatchingService.migrations], [join(__dirname, '../src')]);
    expect(checked).toEqual(expect.arrayContaining([expect.stringMatching(/engagements\.sql\.ts#engagementView\.byId$/)]));
    expect(failures).toEqual([]);
  });
});
