import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE consortium_frameworks ADD COLUMN stages jsonb NOT NULL DEFAULT '[]'`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`ALTER TABLE consortium_frameworks DROP COLUMN stages`);
}

/** What the consortium's framework calls its stages (none for adoptions announced before events named them). */
export const FrameworkStageNames1764000012000 = defineMigration('FrameworkStageNames1764000012000', up, down);
