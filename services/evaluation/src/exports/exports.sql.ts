import { sql } from '@ccndr/persistence';

/** What an export needs of its consortium: its names (none for a consortium created before events carried them), its language and when it began (the start of the period it covers). */
export const consortiumOfExport = sql<{ name_fr: string | null; name_en: string | null; default_language: 'fr' | 'en'; created_at: Date }, [consortiumId: string]>(
  `SELECT name_fr, name_en, default_language, created_at FROM consortia WHERE consortium_id = $1`,
);
