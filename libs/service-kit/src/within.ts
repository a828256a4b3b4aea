/** The work's result, or undefined when it fails or takes longer than `ms` (the work is left to finish on its own). */
export function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work.catch(() => undefined), new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * One moment by which a whole answer must be ready: each step, however many come one after the
 * other, gets only what is left, so the steps together never take longer than the deadline.
 */
export class Deadline {
  private readonly at: number;

  constructor(ms: number) {
    this.at = Date.now() + ms;
  }

  get remainingMs(): number {
    return Math.max(0, this.at - Date.now());
  }

  /** The work's result, or undefined when it fails or the deadline passes first. */
  race<T>(work: Promise<T>): Promise<T | undefined> {
    return within(work, this.remainingMs);
  }
}
