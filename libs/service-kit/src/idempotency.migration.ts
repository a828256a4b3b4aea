import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys of the service's commands, with the answer each first request got (see idempotency.ts). */
export class CreateIdempotencyKeys1764000000002 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764000000002';

  async up(db: QueryRunner): Promise<void> {
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

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
