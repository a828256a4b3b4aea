import { Client } from 'pg';

export interface PgListenerOptions {
  databaseUrl: string;
  channel: string;
  onNotify: (payload: string) => void;
  log: (level: 'warn', message: string, fields?: Record<string, unknown>) => void;
}

/**
 * A dedicated connection that LISTENs on one channel (PostgreSQL delivers a NOTIFY at commit);
 * it reconnects whenever the connection ends, until stopped.
 */
export class PgListener {
  private client?: Client;
  private stopped = true;

  constructor(private readonly options: PgListenerOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (message) => this.options.onNotify(message.payload ?? ''));
    client.on('error', () => undefined);
    client.on('end', () => {
      if (!this.stopped) setTimeout(() => this.connect().catch(() => undefined), 1000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.options.channel}"`);
      this.client = client;
    } catch (error) {
      this.options.log('warn', 'listener could not connect; will try again', { channel: this.options.channel, error: String(error) });
      await client.end().catch(() => undefined);
    }
  }
}
