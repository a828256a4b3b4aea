import { join } from 'node:path';
import { checkStatements } from '@ccndr/service-kit';
import { assessmentsService } from '../src/assessments.service-spec';

describe('assessments SQL statements', () => {
  it('every statement prepares against the migrated assessments schema', async () => {
    const { checked, failures } = await checkStatements(assessmentsService, process.env.TEST_DATABASE_URL!, [join(__dirname, '../src')]);
    expect(checked).toEqual(expect.arrayContaining([expect.stringMatching(/assessments\.sql\.ts#insertAssessment$/)]));
    expect(failures).toEqual([]);
  });
});
