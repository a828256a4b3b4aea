import { QueryRunner } from 'typeorm';
import { defineMigration, notifyChannels } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE outbox (
      position bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      subject text NOT NULL,
      payload text NOT NULL,
      traceparent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text
    )`);
  await db.query(`CREATE INDEX outbox_due ON outbox (next_attempt_at, position)`);
  await db.query(`
    CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM ${notifyChannels.outboxCommitted.notifySql("''", 'TG_TABLE_SCHEMA')};
      RETURN NULL;
    END $$`);
  await db.query(`CREATE TRIGGER outbox_committed AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE outbox`);
  await db.query(`DROP FUNCTION outbox_notify()`);
}

/**
 * The outbox of a publishing service, in the service's own schema. A statement trigger sends a
 * NOTIFY that PostgreSQL delivers at commit, so the relay wakes as soon as events are committed.
 */
export const CreateOutbox1764000000000 = defineMigration('CreateOutbox1764000000000', up, down);
