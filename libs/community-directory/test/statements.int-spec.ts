import { join } from 'node:path';
import { checkStatements } from '@ccndr/persistence';
import { communityDirectoryMigrations } from '../src';

describe('community directory SQL statements', () => {
  it('every statement prepares against the migrated directory tables', async () => {
    const { checked, failures } = await checkStatements(process.env.TEST_DATABASE_URL!, communityDirectoryMigrations, [join(__dirname, '../src')]);
    expect(checked).toEqual(
      expect.arrayContaining([expect.stringMatching(/organization-access\.sql\.ts#memberBySignInKey$/), expect.stringMatching(/community-directory\.sql\.ts#memberMemberships$/)]),
    );
    expect(failures).toEqual([]);
  });
});
