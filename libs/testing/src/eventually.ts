/**
 * Retries an assertion until it passes or the deadline passes (then rethrows its last failure):
 * asynchronous effects are awaited by bounded polling, never by sleeping.
 */
export async function expectEventually<T>(assertion: () => Promise<T> | T, { timeoutMs = 20_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
