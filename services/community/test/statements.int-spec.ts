import { join } from 'node:path';
import { checkStatements } from '@ccndr/service-kit';
import { communityService } from '../src/community.service-spec';

describe('community SQL statements', () => {
  it('every statement prepares against the migrated community schema', async () => {
    const { checked, failures } = await checkStatements(communityService, process.env.TEST_DATABASE_URL!, [join(__dirname, '../src')]);
    expect(checked.length).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });
});
