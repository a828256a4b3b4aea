/**
 * Agreement among raters on a 1–5 scale: the rWG index (James, Demaree & Wolf), 1 − observed
 * variance / variance of uniformly random answers (2 on five points), kept within [0, 1].
 * 1 means everyone gave the same score; 0 means no more agreement than chance. Null under two raters.
 */
export function raterAgreement(scores: number[]): number | null {
  if (scores.length < 2) return null;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const variance = scores.reduce((sum, s) => sum + (s - mean) ** 2, 0) / (scores.length - 1);
  return Math.round(Math.min(1, Math.max(0, 1 - variance / 2)) * 100) / 100;
}
