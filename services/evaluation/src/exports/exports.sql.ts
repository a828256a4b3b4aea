import { sql } from '@ccndr/persistence';

/** What an export needs of its consortium: its language and when it began (the start of the period it covers). */
export const consortiumOfExport = sql<{ default_language: 'fr' | 'en'; created_at: Date }, [consortiumId: string]>(
  `SELECT default_language, created_at FROM consortia WHERE consortium_id = $1`,
);
