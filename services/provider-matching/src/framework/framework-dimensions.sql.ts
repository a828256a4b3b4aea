import { sql } from '@ccndr/persistence';

export const consortiumFramework = sql<{ framework_version: string; dimensions: { key: string }[] }, [consortiumId: string]>(
  `SELECT framework_version, dimensions FROM consortium_frameworks WHERE consortium_id = $1`,
);

/** Keeps the consortium's adopted framework; the latest adoption wins whatever the arrival order (the higher version on a tie). */
export const saveAdoptedFramework = sql<never, [consortiumId: string, frameworkVersion: string, dimensionsJson: string, adoptedAt: string, stagesJson: string]>(
  `INSERT INTO consortium_frameworks (consortium_id, framework_version, dimensions, adopted_at, stages) VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT (consortium_id) DO UPDATE SET framework_version = excluded.framework_version, dimensions = excluded.dimensions, adopted_at = excluded.adopted_at, stages = excluded.stages
     WHERE (consortium_frameworks.adopted_at, consortium_frameworks.framework_version) < (excluded.adopted_at, excluded.framework_version)`,
);
