import { join } from 'node:path';
import { checkStatements } from '@ccndr/persistence';
import { platformMigrations } from '@ccndr/service-kit';
import { assessmentsService } from '../src/assessments.service-spec';

describe('assessments SQL statements', () => {
  it('every statement prepares against the migrated assessments schema', async () => {
    const { checked, failures } = await checkStatements(process.env.TEST_DATABASE_URL!, [...platformMigrations, ...assessmentsService.migrations], [join(__dirname, '../src')]);
    expect(checked).toEqual(expect.arrayContaining([expect.stringMatching(/assessments\.sql\.ts#insertAssessment$/)]));
    expect(failures).toEqual([]);
  });
});
