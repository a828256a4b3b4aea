import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  await db.query(`
    CREATE TABLE idempotency_keys (
      caller text NOT NULL,
      key text NOT NULL,
      fingerprint text NOT NULL,
      status integer,
      body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (caller, key)
    )`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE idempotency_keys`);
}

/** Idempotency keys of the service's commands, with the answer each first request got (see idempotency.ts). */
export const CreateIdempotencyKeys1764000000002 = defineMigration('CreateIdempotencyKeys1764000000002', up, down);
