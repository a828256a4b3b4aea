import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration, Wall, wallsMigration } from '@ccndr/persistence';

/**
 * Notification preferences: per member and category (gatherings, engagements, digest), whether
 * they want its messages. No row: the category's default (on, except the digest).
 */
async function up(db: QueryRunner): Promise<void> {
  await createTenantTable(db, 'notification_preferences', { referencesConsortia: true }, `
      member_id uuid NOT NULL,
      category text NOT NULL CHECK (category IN ('gatherings', 'engagements', 'digest')),
      enabled boolean NOT NULL,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (consortium_id, member_id, category),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE notification_preferences`);
}

export const NotificationPreferences1764000013000 = defineMigration('NotificationPreferences1764000013000', up, down);

const walls: Wall[] = [{ table: 'notification_preferences' }];
export const NotificationPreferenceWalls1764000013100 = wallsMigration('NotificationPreferenceWalls1764000013100', walls);
