import { QueryRunner } from 'typeorm';
import { createTenantTable, defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE members ADD COLUMN subject text`);
  await db.query(`CREATE UNIQUE INDEX members_subject_per_consortium ON members (consortium_id, subject) WHERE subject IS NOT NULL AND left_at IS NULL`);
  await createTenantTable(db, 'knowledge_items', { key: 'id', referencesConsortia: true }, `
      item_type text NOT NULL CHECK (item_type IN ('thread', 'reply', 'resource')),
      thread_id uuid REFERENCES knowledge_items(id),
      circle_id uuid,
      member_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      title text,
      body text,
      url text,
      language text NOT NULL CHECK (language IN ('fr', 'en')),
      tags text[] NOT NULL DEFAULT '{}',
      involved_organization_ids uuid[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (consortium_id, id),
      CHECK ((item_type = 'reply') = (thread_id IS NOT NULL)),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id),
      FOREIGN KEY (consortium_id, circle_id) REFERENCES circles (consortium_id, id)
    `);
  await db.query(`CREATE INDEX knowledge_items_listing ON knowledge_items (consortium_id, item_type, created_at DESC)`);
  await db.query(`CREATE INDEX knowledge_items_thread ON knowledge_items (thread_id, created_at) WHERE thread_id IS NOT NULL`);
  await db.query(`CREATE INDEX knowledge_items_tags ON knowledge_items USING gin (tags)`);
  await createTenantTable(db, 'reactions', {}, `
      item_id uuid NOT NULL,
      member_id uuid NOT NULL,
      reaction text NOT NULL CHECK (reaction IN ('helpful', 'insightful', 'thanks')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (item_id, member_id, reaction),
      FOREIGN KEY (consortium_id, item_id) REFERENCES knowledge_items (consortium_id, id),
      FOREIGN KEY (consortium_id, member_id) REFERENCES members (consortium_id, id)
    `);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE reactions, knowledge_items`);
  await db.query(`DROP INDEX members_subject_per_consortium`);
  await db.query(`ALTER TABLE members DROP COLUMN subject`);
}

/**
 * Knowledge sharing: threads, replies and resources in one table (they share authorship, language
 * and the organisations each interaction involves), reactions beside it. Members are linked to the
 * identity they sign in with, so that what they share is theirs.
 */
export const KnowledgeSharing1764000005000 = defineMigration('KnowledgeSharing1764000005000', up, down);
