import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  // Null for rows written before (their consortium was not kept) and for any platform-wide event.
  await db.query(`ALTER TABLE processed_events ADD COLUMN consortium_id uuid`);
  await db.query(`CREATE INDEX processed_events_age ON processed_events (processed_at)`);
  await db.query(`CREATE INDEX processed_events_consortium ON processed_events (consortium_id) WHERE consortium_id IS NOT NULL`);
  await db.query(`ALTER TABLE outbox ADD COLUMN consortium_id uuid`);
  await db.query(`UPDATE outbox SET consortium_id = ((payload::jsonb)->>'consortiumid')::uuid`);
  await db.query(`CREATE INDEX outbox_consortium ON outbox (consortium_id) WHERE consortium_id IS NOT NULL`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP INDEX outbox_consortium`);
  await db.query(`ALTER TABLE outbox DROP COLUMN consortium_id`);
  await db.query(`DROP INDEX processed_events_consortium`);
  await db.query(`DROP INDEX processed_events_age`);
  await db.query(`ALTER TABLE processed_events DROP COLUMN consortium_id`);
}

/**
 * The consortium of each processed-event record and outbox row (a deleted consortium leaves none
 * behind; a PostgreSQL sharded by consortium can place them), and processed-event records indexed
 * by age, for pruning past the retention horizon (docs/operations.md, "Retention").
 */
export const ConsortiumKeysAndRetention1764000016100 = defineMigration('ConsortiumKeysAndRetention1764000016100', up, down);
