import { QueryRunner } from 'typeorm';
import { defineMigration } from '@ccndr/persistence';

async function up(db: QueryRunner): Promise<void> {
  // Who applies each partition of a partitioned consumer group, until when (PartitionLeases).
  await db.query(`
    CREATE TABLE consumer_leases (
      consumer text PRIMARY KEY,
      owner text,
      expires_at timestamptz NOT NULL DEFAULT '-infinity'
    )`);
  // The replicas alive (until their heartbeat runs out) and their partition count: how many share the partitions.
  await db.query(`
    CREATE TABLE consumer_replicas (
      replica text PRIMARY KEY,
      partitions integer NOT NULL,
      seen_until timestamptz NOT NULL
    )`);
}

async function down(db: QueryRunner): Promise<void> {
  await db.query(`DROP TABLE consumer_replicas`);
  await db.query(`DROP TABLE consumer_leases`);
}

/** The leases of a partitioned consumer group's partitions, for the services that partition one (evaluation). */
export const PartitionLeases1764000018100 = defineMigration('PartitionLeases1764000018100', up, down);
