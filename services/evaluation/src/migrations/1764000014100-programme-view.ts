import { QueryRunner } from 'typeorm';
import { closeToProgramme, createTenantTable, defineMigration, lowerWalls, openToProgramme, raiseWalls } from '@ccndr/persistence';

/** What the programme view reads across consortia: names, stored indicators, the opt-ins… */
const programmeTables = ['consortia', 'indicators', 'programme_benchmark', 'consortium_frameworks'];
/** …and what the benchmark is drawn from: organisations' scores, of the consortia that opted in only, in the database too. */
const benchmarkTables = ['completed_assessments', 'assessment_scores'];
const optedIn = 'SELECT consortium_id FROM programme_benchmark WHERE opted_in';

async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'programme_benchmark', { key: 'consortium' }, `
      opted_in boolean NOT NULL,
      decided_at timestamptz NOT NULL,
      decided_by text NOT NULL
    `);
  await raiseWalls(db, [{ table: 'programme_benchmark' }]);
  await openToProgramme(db, programmeTables);
  await openToProgramme(db, benchmarkTables, { onlyConsortiaIn: optedIn });
}

async function down(db: QueryRunner): Promise<void> {
  await closeToProgramme(db, [...programmeTables, ...benchmarkTables]);
  await lowerWalls(db, [{ table: 'programme_benchmark' }]);
  await db.query(`DROP TABLE programme_benchmark`);
}

/**
 * The programme view across consortia (CCNDR staff): a coordinator's opt-in to the readiness
 * benchmark (evaluation's own record, like targets: a rebuild carries it over, no event carries
 * it), and a SELECT-only policy opening the tables the view reads to the programme scope — and no
 * other table, so organisations, attendance, members… stay behind each consortium's wall.
 */
export const ProgrammeView1764000014100 = defineMigration('ProgrammeView1764000014100', up, down);
