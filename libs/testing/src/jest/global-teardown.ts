import type { ResolvedServer } from '../servers';

export default async function globalTeardown(): Promise<void> {
  const servers: ResolvedServer[] = (globalThis as any).__ccndrServers ?? [];
  await Promise.all(servers.map((server) => server.stop()));
}
