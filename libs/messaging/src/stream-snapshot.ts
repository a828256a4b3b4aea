import { StreamConfig, StreamState } from '@nats-io/jetstream';
import { createInbox, Msg, NatsConnection } from '@nats-io/transport-node';

/**
 * A JetStream snapshot of one stream: its configuration, its state when taken, and the server's
 * snapshot data (its messages with their sequences and times, and its consumers with their
 * positions), as `nats stream backup` takes it. The JavaScript client has no call for it: these
 * speak the JetStream API's snapshot and restore exchanges themselves.
 */
export interface StreamSnapshot {
  config: StreamConfig;
  state: StreamState;
  data: Uint8Array;
}

const chunkSize = 128 * 1024;
const apiTimeoutMs = 10_000;

/** A JetStream API answer, or its error as an exception. */
function answer<T>(msg: Msg, what: string): T {
  const body = msg.json<T & { error?: { code: number; description: string } }>();
  if (body.error) throw new Error(`${what}: ${body.error.description} (${body.error.code})`);
  return body;
}

/**
 * Takes a snapshot of `stream` while it is in use: the server sends it in chunks, each acknowledged
 * (its flow control), then an empty message. `inboxPrefix`: the connection's (its user may
 * receive there only).
 */
export async function snapshotStream(nc: NatsConnection, stream: string, inboxPrefix: string, timeoutMs = 120_000): Promise<StreamSnapshot> {
  const inbox = createInbox(inboxPrefix);
  const chunks: Uint8Array[] = [];
  let finish!: (error?: Error) => void;
  const received = new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));
  const subscription = nc.subscribe(inbox, {
    callback: (error, msg) => {
      if (error) return finish(error);
      // An error comes as a status in the headers, the end as an empty message without a reply subject.
      if (msg.headers && msg.headers.code >= 400) return finish(new Error(`snapshot of ${stream}: ${msg.headers.code} ${msg.headers.description}`));
      if (msg.data.length === 0 && !msg.reply) return finish();
      chunks.push(msg.data);
      msg.respond();
    },
  });
  try {
    const started = answer<{ config: StreamConfig; state: StreamState }>(
      await nc.request(`$JS.API.STREAM.SNAPSHOT.${stream}`, JSON.stringify({ deliver_subject: inbox, chunk_size: chunkSize }), { timeout: apiTimeoutMs }),
      `snapshot of ${stream}`,
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([received, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`snapshot of ${stream} not received within ${timeoutMs} ms`)), timeoutMs)))]).finally(() => clearTimeout(timer));
    const data = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
    chunks.reduce((at, chunk) => (data.set(chunk, at), at + chunk.length), 0);
    return { config: started.config, state: started.state, data };
  } finally {
    subscription.unsubscribe();
  }
}

/**
 * Restores a snapshot as the stream it was taken of, which must not exist: the server takes the
 * chunks (each acknowledged), then an empty message, and answers it with the restored stream.
 */
export async function restoreStream(nc: NatsConnection, snapshot: StreamSnapshot, timeoutMs = 120_000): Promise<StreamState> {
  const stream = snapshot.config.name;
  const { deliver_subject } = answer<{ deliver_subject: string }>(
    await nc.request(`$JS.API.STREAM.RESTORE.${stream}`, JSON.stringify({ config: snapshot.config, state: snapshot.state }), { timeout: apiTimeoutMs }),
    `restore of ${stream}`,
  );
  for (let at = 0; at < snapshot.data.length; at += chunkSize) await nc.request(deliver_subject, snapshot.data.subarray(at, at + chunkSize), { timeout: apiTimeoutMs });
  return answer<{ state: StreamState }>(await nc.request(deliver_subject, new Uint8Array(0), { timeout: timeoutMs }), `restore of ${stream}`).state;
}

/** A snapshot as one file: a line of JSON (what it is, the configuration and state), then the data. */
export function snapshotFile(snapshot: StreamSnapshot, takenAt = new Date()): Buffer {
  const head = JSON.stringify({ format: 'ccndr-stream-snapshot/1', takenAt: takenAt.toISOString(), config: snapshot.config, state: snapshot.state });
  return Buffer.concat([Buffer.from(`${head}\n`), Buffer.from(snapshot.data)]);
}

/** The snapshot a file of snapshotFile holds, and when it was taken. */
export function readSnapshotFile(file: Buffer): StreamSnapshot & { takenAt: string } {
  const end = file.indexOf(0x0a);
  const head = end > 0 ? JSON.parse(file.subarray(0, end).toString('utf8')) : undefined;
  if (head?.format !== 'ccndr-stream-snapshot/1') throw new Error('not a stream snapshot taken by `npm run operator -- stream backup`');
  return { takenAt: head.takenAt, config: head.config, state: head.state, data: new Uint8Array(file.subarray(end + 1)) };
}
