import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, Wall, wallsMigration } from '@ccndr/persistence';

/**
 * Notifications: the mail queue (one row per event, recipient and kind: a message is enqueued at
 * most once, and stays until sent or refused) and the iCalendar sequence of each gathering.
 */
async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'mail_queue', { key: 'id', referencesConsortia: true }, `
      event_id uuid NOT NULL,
      member_id uuid NOT NULL,
      kind text NOT NULL,
      recipient text NOT NULL,
      language text NOT NULL CHECK (language IN ('fr', 'en')),
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      calendar text,
      calendar_method text,
      traceparent text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      UNIQUE (event_id, member_id, kind)
    `);
  await db.query(`CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at) WHERE status = 'pending'`);
  await createTenantTable(db, 'gathering_calendar_sequences', {}, `
      gathering_id uuid PRIMARY KEY,
      sequence int NOT NULL
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE mail_queue, gathering_calendar_sequences`);
}

export const Notifications1764000011000 = defineMigration('Notifications1764000011000', up, down);

const walls: Wall[] = [{ table: 'mail_queue' }, { table: 'gathering_calendar_sequences' }];
export const NotificationWalls1764000011100 = wallsMigration('NotificationWalls1764000011100', walls);
