/** The process behind PostgresServerProcess: `postgres-process.main.ts <data dir> <port>`. */
import { startEmbeddedPostgres } from './embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres(dataDir, Number(port), process.env.EMBEDDED_POSTGRES_PASSWORD || undefined);
  let stopping = false;
  const stop = () => {
    stopping = true;
    void server.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The server gone on its own (killed, crashed): this process goes too, so whoever runs it sees it.
  void server.exited.then(() => {
    if (stopping) return;
    process.stderr.write('PostgreSQL exited on its own\n');
    process.exit(1);
  });
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
