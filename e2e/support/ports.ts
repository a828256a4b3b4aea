import { createServer } from 'node:net';

/** A run of `count` ports from base+1 that nothing listens on, between 20000 and 30000 (below the ephemeral range, so no other test's connection takes one meanwhile). */
export async function freeRangeBelowEphemeral(count: number): Promise<number> {
  const bindable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 9_900);
    let free = true;
    for (let port = base + 1; port <= base + count && free; port++) free = await bindable(port);
    if (free) return base;
  }
}
