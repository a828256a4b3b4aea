import { connect, NatsConnection } from '@nats-io/transport-node';
import { natsInboxPrefix } from './topology';

export interface NatsOptions {
  url: string;
  name: string;
  user?: string;
  password?: string;
  /**
   * A one-off command's connection (the operator's): one attempt at each server, each bounded by the
   * connection timeout, then an error, instead of waiting for a server that may never come.
   */
  once?: boolean;
}

/**
 * The client's defaults give up after about 20 s of outage and close the connection for good.
 * A platform service must outlive a NATS restart, so it reconnects forever (the outbox keeps
 * commands safe meanwhile) and waits for the server when it starts first. A server that stops
 * answering without closing the socket (frozen, a partitioned network) is given up on after three
 * unanswered pings two seconds apart, and the client reconnects (to another node of a cluster).
 * A command (`once`) does not wait: it fails within the connection timeout.
 */
export function connectNats(options: NatsOptions): Promise<NatsConnection> {
  return connect({
    servers: options.url.split(','),
    name: options.name,
    user: options.user,
    pass: options.password,
    // Its permissions allow replies on this prefix only (infra/nats/nats-server.conf).
    inboxPrefix: natsInboxPrefix(options.user ?? options.name),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    reconnectJitter: 250,
    waitOnFirstConnect: !options.once,
    timeout: 5000,
    pingInterval: 2_000,
    maxPingOut: 3,
  });
}
