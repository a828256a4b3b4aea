import { MigrationInterface, QueryRunner } from 'typeorm';

/** One direction of a migration: its statements, run by TypeORM in the migration's transaction. */
export type MigrationStep = (db: QueryRunner) => Promise<void>;

/**
 * A migration as TypeORM takes it (a class), from its two steps. `name` ends with the timestamp
 * TypeORM orders migrations by.
 */
export function defineMigration(name: string, up: MigrationStep, down: MigrationStep): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;
    up = up;
    down = down;
  };
}
