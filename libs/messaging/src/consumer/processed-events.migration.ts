import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE processed_events (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE processed_events`);
}

/** One row per (consumer, event id) applied, written in the transaction of the effect. */
export const CreateProcessedEvents1764000000001 = defineMigration('CreateProcessedEvents1764000000001', up, down);
