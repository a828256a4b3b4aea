import { join } from 'node:path';
import { checkStatements } from '@ccndr/persistence';
import { platformMigrations } from '@ccndr/service-kit';
import { communityService } from '../src/community.service-spec';

describe('community SQL statements', () => {
  it('every statement prepares against the migrated community schema', async () => {
    const { checked, failures } = await checkStatements(process.env.TEST_DATABASE_URL!, [...platformMigrations, ...communityService.migrations], [join(__dirname, '../src')]);
    expect(checked).toEqual(expect.arrayContaining([expect.stringMatching(/members\.sql\.ts#insertMember$/), expect.stringMatching(/knowledge\.sql\.ts#knowledgeItems\.oldestFirst$/)]));
    expect(failures).toEqual([]);
  });
});
