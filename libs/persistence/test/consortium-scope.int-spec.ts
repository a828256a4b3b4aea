import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { asPlatform, createDataSource, defineMigration, openDatabase, openToProgramme, wallsMigration, withinConsortia, withinProgramme } from '../src';

const Notes1000000000000 = defineMigration(
  'Notes1000000000000',
  async (db) => void (await db.query(`CREATE TABLE notes (consortium_id uuid NOT NULL, body text NOT NULL)`)),
  async (db) => void (await db.query(`DROP TABLE notes`)),
);

/** A second tenant table, not opened to the programme, and `notes` opened to it. */
const Drafts1000000000002 = defineMigration(
  'Drafts1000000000002',
  async (db) => void (await db.query(`CREATE TABLE drafts (consortium_id uuid NOT NULL, body text NOT NULL)`)),
  async (db) => void (await db.query(`DROP TABLE drafts`)),
);
const ProgrammeNotes1000000000004 = defineMigration('ProgrammeNotes1000000000004', (db) => openToProgramme(db, ['notes']), async () => undefined);

/**
 * The consortium scope on one pooled connection, as requests, consumers and rollbacks follow one
 * another on it: each sees exactly its scope's rows, whatever ran on the connection before.
 */
describe('consortium scope on a pooled connection (row-level security)', () => {
  const suffix = randomBytes(4).toString('hex');
  const schema = `scope_test_${suffix}`;
  const role = `ccndr_scope_test_${suffix}`;
  const [a, b] = [randomUUID(), randomUUID()];
  let admin: Client;
  let db: DataSource;

  beforeAll(async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    // Not a superuser: row-level security applies to it.
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw${suffix}'`);
    await admin.query(`CREATE SCHEMA ${schema} AUTHORIZATION ${role}`);
    await admin.query(`GRANT CREATE ON DATABASE "${url.pathname.slice(1) || 'postgres'}" TO ${role}`);
    url.username = role;
    url.password = `pw${suffix}`;
    const options = { url: url.toString(), schema, entities: [], migrations: [Notes1000000000000, wallsMigration('NotesWall1000000000001', [{ table: 'notes' }]), Drafts1000000000002, wallsMigration('DraftsWall1000000000003', [{ table: 'drafts' }]), ProgrammeNotes1000000000004] };
    await (await openDatabase(createDataSource(options), schema)).destroy();
    // One connection: every piece of work below runs on the same session.
    db = await createDataSource({ ...options, poolSize: 1 }).initialize();
    await asPlatform(() => db.query(`INSERT INTO notes VALUES ($1, 'a'), ($2, 'b')`, [a, b]));
    await asPlatform(() => db.query(`INSERT INTO drafts VALUES ($1, 'draft a')`, [a]));
  });

  afterAll(async () => {
    await db?.destroy();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`DROP OWNED BY ${role}`);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  const seen = (rows: { body: string }[]) => rows.map((r) => r.body).sort();
  const inTransaction = () => db.transaction((manager) => manager.query(`SELECT body FROM notes`)).then(seen);
  const alone = () => db.query(`SELECT body FROM notes`).then(seen);

  it('gives each transaction and each statement outside one exactly its scope, one after another on one connection', async () => {
    expect(await withinConsortia([a], inTransaction)).toEqual(['a']);
    expect(await withinConsortia([b], inTransaction)).toEqual(['b']);
    expect(await withinConsortia([a], alone)).toEqual(['a']);
    expect(await withinConsortia([b], inTransaction)).toEqual(['b']);
    // The transaction's scope ended with it: the session's is back.
    expect(await withinConsortia([a], alone)).toEqual(['a']);
    expect(await asPlatform(inTransaction)).toEqual(['a', 'b']);
    expect(await alone()).toEqual([]);
    expect(await inTransaction()).toEqual([]);
  });

  it('keeps no scope from a rolled-back transaction, and follows a scope changed inside a transaction', async () => {
    await expect(
      withinConsortia([a], () =>
        db.transaction(async (manager) => {
          expect(seen(await manager.query(`SELECT body FROM notes`))).toEqual(['a']);
          throw new Error('rolled back');
        }),
      ),
    ).rejects.toThrow('rolled back');
    expect(await withinConsortia([b], alone)).toEqual(['b']);
    expect(await alone()).toEqual([]);

    const inside = await withinConsortia([a], () =>
      db.transaction(async (manager) => [seen(await manager.query(`SELECT body FROM notes`)), await withinConsortia([b], async () => seen(await manager.query(`SELECT body FROM notes`)))]),
    );
    expect(inside).toEqual([['a'], ['b']]);
    expect(await withinConsortia([a], alone)).toEqual(['a']);
    expect(await withinConsortia([a], inTransaction)).toEqual(['a']);
  });

  it('lets a scoped transaction choose its isolation level', async () => {
    const [row] = await withinConsortia([a], () =>
      db.transaction('REPEATABLE READ', (manager) => manager.query(`SELECT current_setting('transaction_isolation') AS isolation, (SELECT array_agg(body) FROM notes) AS bodies`)),
    );
    expect(row).toEqual({ isolation: 'repeatable read', bodies: ['a'] });
  });

  it('lets the programme scope read every consortium’s rows of the tables opened to it, and nothing else, and write nothing', async () => {
    expect(await withinProgramme(alone)).toEqual(['a', 'b']);
    expect(await withinProgramme(inTransaction)).toEqual(['a', 'b']);
    expect(await withinProgramme(() => db.query(`SELECT body FROM drafts`))).toEqual([]);
    await expect(withinProgramme(() => db.query(`INSERT INTO notes VALUES ($1, 'c')`, [a]))).rejects.toThrow(/row-level security/);
    expect(await withinProgramme(() => db.query(`UPDATE notes SET body = 'changed' RETURNING body`))).toEqual([[], 0]);
    expect(await withinProgramme(() => db.query(`DELETE FROM notes RETURNING body`))).toEqual([[], 0]);
    // Nothing of it stays on the connection.
    expect(await withinConsortia([a], alone)).toEqual(['a']);
    expect(await alone()).toEqual([]);
    expect(await withinConsortia([b], () => db.query(`SELECT body FROM drafts`))).toEqual([]);
  });
});
