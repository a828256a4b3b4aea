import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per (consumer, event id) applied, written in the transaction of the effect. */
export class CreateProcessedEvents1764000000001 implements MigrationInterface {
  name = 'CreateProcessedEvents1764000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE processed_events`);
  }
}
