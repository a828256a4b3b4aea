/**
 * Small-cell suppression for the counts an aggregate shows (self-identification, peer benchmarks).
 * A count below `threshold` (but not 0) is hidden (null). When the cells partition a shown total,
 * hiding one cell alone would let it be worked out by subtraction, so the next smallest non-zero cell is hidden too (complementary
 * suppression). When the total itself is below the threshold, everything is hidden.
 */
export function suppressSmallCells<K extends string>(
  counts: Record<K, number>,
  threshold: number,
  options: { partitionOfTotal: boolean; total: number },
): Record<K, number | null> {
  const keys = Object.keys(counts) as K[];
  if (options.total < threshold) return Object.fromEntries(keys.map((key) => [key, null])) as Record<K, number | null>;
  const shown: Record<K, number | null> = { ...counts };
  const hidden = keys.filter((key) => counts[key] > 0 && counts[key] < threshold);
  for (const key of hidden) shown[key] = null;
  if (options.partitionOfTotal && hidden.length === 1) {
    const next = keys
      .filter((key) => shown[key] !== null && counts[key] > 0)
      .sort((a, b) => counts[a] - counts[b])[0];
    if (next !== undefined) shown[next] = null;
  }
  return shown;
}
