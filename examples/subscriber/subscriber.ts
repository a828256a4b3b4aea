/**
 * An example subscriber, as another CCNDR programme would write it: only the public catalogue
 * (docs/subscribers.md, the AsyncAPI document), nats.js and the official CloudEvents SDK — none of
 * the platform's code. It keeps a durable consumer on the events stream, reads each message as a
 * CloudEvent and acknowledges it once handled.
 *
 *   NATS_URL=nats://nats.example.org:4222 NATS_USER=subscriber-example NATS_PASSWORD=… \
 *   CONSUMER=example FILTER='ccndr.community.>' START=beginning npm run example-subscriber
 *
 * CONSUMER is a durable consumer name the operations team granted your programme (`npm run
 * operator -- subscriber add` prints them); replies and messages come on the inbox prefix
 * `_INBOX_<NATS_USER>`, the only one your user may receive on (INBOX_PREFIX overrides it).
 *
 * START: `beginning` (replay everything), an ISO date (replay from then) or `new` (from now on);
 * it applies when the durable consumer is first created. Ctrl-C stops; the next run resumes.
 */
import { AckPolicy, ConsumerConfig, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CloudEvent } from 'cloudevents';

export interface SubscriberOptions {
  servers: string;
  user?: string;
  pass?: string;
  /** Where replies and pulled messages come: your user's own prefix (`_INBOX_<user>` unless given). */
  inboxPrefix?: string;
  /** The platform's events stream. */
  stream?: string;
  /** Durable consumer name, one your user is granted (per programme and purpose), kept by the server between runs. */
  consumer: string;
  /** Subject filter, e.g. one event type for all consortia or `ccndr.*.*.*.*.<consortiumId>`. */
  filter?: string;
  start?: 'beginning' | 'new' | Date;
}

export interface Subscription {
  stop(): Promise<void>;
  /** Messages that were not a valid CloudEvent: terminated, never redelivered. */
  readonly rejected: number;
}

function startOf(start: SubscriberOptions['start']): Partial<ConsumerConfig> {
  if (start === 'new') return { deliver_policy: DeliverPolicy.New };
  if (start instanceof Date) return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: start.toISOString() };
  return { deliver_policy: DeliverPolicy.All };
}

export async function subscribe(options: SubscriberOptions, onEvent: (event: CloudEvent<unknown>) => Promise<void> | void): Promise<Subscription> {
  const stream = options.stream ?? 'CCNDR_EVENTS';
  const inboxPrefix = options.inboxPrefix ?? (options.user ? `_INBOX_${options.user}` : undefined);
  const nc = await connect({ servers: options.servers.split(','), user: options.user, pass: options.pass, inboxPrefix, name: `subscriber ${options.consumer}` });
  const jsm = await jetstreamManager(nc);
  // Creating a durable consumer that exists with the same settings is a no-op: every run may do it.
  await jsm.consumers.add(stream, {
    durable_name: options.consumer,
    filter_subject: options.filter ?? 'ccndr.>',
    ack_policy: AckPolicy.Explicit,
    ack_wait: 30_000_000_000,
    max_deliver: 10,
    ...startOf(options.start),
  });
  const messages = await (await jetstream(nc).consumers.get(stream, options.consumer)).consume({ max_messages: 100 });
  let rejected = 0;
  const done = (async () => {
    for await (const message of messages) {
      let event: CloudEvent<unknown>;
      try {
        // Structured mode: the body is the whole event; the SDK checks the CloudEvents attributes.
        event = new CloudEvent(JSON.parse(message.string()));
      } catch (error) {
        rejected++;
        process.stderr.write(`not a CloudEvent (stream sequence ${message.seq}): ${error instanceof Error ? error.message : error}\n`);
        message.term();
        continue;
      }
      try {
        await onEvent(event);
        message.ack();
      } catch (error) {
        process.stderr.write(`${event.type} ${event.id} not handled, retried in 5 s: ${error instanceof Error ? error.message : error}\n`);
        message.nak(5_000);
      }
    }
  })();
  return {
    get rejected() {
      return rejected;
    },
    async stop() {
      await messages.close();
      await done;
      await nc.drain();
    },
  };
}

/** Versions this example understands; a newer version of an event is skipped until it is adopted. */
const understood = /^ccndr\.[a-z-]+\.[a-z-]+\.[a-z-]+\.v1$/;

async function main(): Promise<void> {
  const env = process.env;
  const start = !env.START || env.START === 'beginning' ? 'beginning' : env.START === 'new' ? 'new' : new Date(env.START);
  if (start instanceof Date && Number.isNaN(start.getTime())) throw new Error(`START=${env.START}: give beginning, new or an ISO date`);
  if (!env.CONSUMER) throw new Error('set CONSUMER to a durable consumer name granted to your programme');
  const subscription = await subscribe(
    { servers: env.NATS_URL ?? 'nats://127.0.0.1:4222', user: env.NATS_USER, pass: env.NATS_PASSWORD, inboxPrefix: env.INBOX_PREFIX, stream: env.STREAM, consumer: env.CONSUMER, filter: env.FILTER, start },
    (event) => {
      if (!understood.test(event.type)) return;
      process.stdout.write(`${event.time}\t${event.consortiumid}\t${event.type}\t${event.id}\n`);
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void subscription.stop());
  // Piped into a reader that stops (`| head`): stop too, quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') void subscription.stop().finally(() => process.exit(0));
  });
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
}
