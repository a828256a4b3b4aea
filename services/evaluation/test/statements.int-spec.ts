import { join } from 'node:path';
import { checkStatements } from '@ccndr/persistence';
import { platformMigrations } from '@ccndr/service-kit';
import { evaluationService } from '../src/evaluation.service-spec';

describe('evaluation SQL statements', () => {
  it('every statement prepares against the migrated evaluation schema', async () => {
    const { checked, failures } = await checkStatements(process.env.TEST_DATABASE_URL!, [...platformMigrations, ...evaluationService.migrations], [join(__dirname, '../src')]);
    expect(checked).toEqual(expect.arrayContaining([expect.stringMatching(/refresh\.sql\.ts#indicatorFacts$/), expect.stringMatching(/gathering\.sql\.ts#snapshots$/)]));
    expect(failures).toEqual([]);
  });
});
