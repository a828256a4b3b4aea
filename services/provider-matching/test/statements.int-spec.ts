import { join } from 'node:path';
import { checkStatements } from '@ccndr/service-kit';
import { providerMatchingService } from '../src/provider-matching.service-spec';

describe('provider-matching SQL statements', () => {
  it('every statement prepares against the migrated provider-matching schema', async () => {
    const { checked, failures } = await checkStatements(providerMatchingService, process.env.TEST_DATABASE_URL!, [join(__dirname, '../src')]);
    expect(checked).toEqual(expect.arrayContaining([expect.stringMatching(/engagements\.sql\.ts#engagementView\.byId$/)]));
    expect(failures).toEqual([]);
  });
});
