import { EntityManager } from 'typeorm';
import { query } from '@ccndr/persistence';
import { eraseConsortiumRecords } from './consortium-records.sql';

/**
 * Deletes what the platform's own tables hold of a consortium (not walled: they are the
 * platform's), in the caller's transaction: its events not yet published and its processed-event
 * records (records written before they carried a consortium age out with the retention horizon).
 */
export async function eraseConsortiumMessaging(manager: EntityManager, consortiumId: string): Promise<{ outbox: number; processed_events: number }> {
  const [counts] = await query(manager, eraseConsortiumRecords, [consortiumId]);
  return counts;
}
