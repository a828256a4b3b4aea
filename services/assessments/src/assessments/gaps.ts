import { DimensionScore } from './scoring';

export interface Gap {
  dimension: string;
  currentStage: number;
  targetStage: number;
  priority: number;
}

/**
 * The gaps to close: every dimension below its target stage (by default the next stage up), the
 * widest gap first, then the lowest score. Priority 1 is the most pressing.
 */
export function identifyGaps(dimensions: DimensionScore[], targets: Record<string, number> = {}): Gap[] {
  return dimensions
    .map((d) => ({ ...d, target: targets[d.dimension] ?? Math.min(5, d.stage + 1) }))
    .filter((d) => d.target > d.stage)
    .sort((a, b) => b.target - b.stage - (a.target - a.stage) || a.score - b.score)
    .map((d, i) => ({ dimension: d.dimension, currentStage: d.stage, targetStage: d.target, priority: i + 1 }));
}
