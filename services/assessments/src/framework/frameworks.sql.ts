import { sql } from '@ccndr/persistence';
import type { Framework } from './framework.schema';
import type { VersionMapping } from './frameworks.service';

export const frameworkVersions = sql<{ version: string; published_at: Date; mapping: VersionMapping | null }, []>(
  `SELECT version, published_at, mapping FROM framework_versions ORDER BY published_at`,
);

export const pinnedVersion = sql<{ version: string }, [consortiumId: string]>(`SELECT version FROM consortium_frameworks WHERE consortium_id = $1`);

export const versionExists = sql<{ found: 1 }, [version: string]>(`SELECT 1 AS found FROM framework_versions WHERE version = $1`);

export const insertVersion = sql<never, [version: string, documentJson: string, mappingJson: string | null]>(`INSERT INTO framework_versions (version, document, mapping) VALUES ($1, $2, $3)`);

export const pinVersion = sql<never, [consortiumId: string, version: string]>(
  `INSERT INTO consortium_frameworks (consortium_id, version) VALUES ($1, $2) ON CONFLICT (consortium_id) DO UPDATE SET version = excluded.version, pinned_at = now()`,
);

export const versionDocument = sql<{ document: Framework; mapping: VersionMapping | null }, [version: string]>(`SELECT document, mapping FROM framework_versions WHERE version = $1`);
