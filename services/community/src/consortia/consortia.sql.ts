import { sql } from '@ccndr/persistence';
import type { OfficialLanguage } from '@ccndr/contracts';

export interface Consortium {
  id: string;
  nameFr: string;
  nameEn: string;
  defaultLanguage: OfficialLanguage;
  createdAt: Date;
}

const consortiumColumns = `id, name_fr AS "nameFr", name_en AS "nameEn", default_language AS "defaultLanguage", created_at AS "createdAt"`;

export const insertConsortium = sql<never, [id: string, nameFr: string, nameEn: string, defaultLanguage: OfficialLanguage, createdAt: Date]>(
  `INSERT INTO consortia (id, name_fr, name_en, default_language, created_at) VALUES ($1, $2, $3, $4, $5)`,
);

/** Every consortium (`all`), or those listed. */
export const consortiaVisible = sql<Consortium, [all: boolean, ids: string[]]>(
  `SELECT ${consortiumColumns} FROM consortia WHERE $1::boolean OR id = ANY($2::uuid[]) ORDER BY created_at`,
);

export const consortiumById = sql<Consortium, [id: string]>(`SELECT ${consortiumColumns} FROM consortia WHERE id = $1`);
