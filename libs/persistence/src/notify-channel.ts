/**
 * A channel PostgreSQL announces commits on, one per schema: `<schema>_<kind>`. The statement that
 * notifies and the listener that waits take the name from the same object, so they cannot drift
 * apart (a mismatch would only show as the listener's poll, seconds later).
 */
export class NotifyChannel {
  constructor(readonly kind: string) {
    if (!/^[a-z_]+$/.test(kind)) throw new Error(`not a channel kind: ${kind}`);
  }

  /** The channel's name in a schema: what a PgListener listens on. */
  in(schema: string): string {
    return `${schema}_${this.kind}`;
  }

  /** SQL that notifies the channel of `schema` (an SQL expression: the statement's own schema by default) with `payload` (an SQL expression). */
  notifySql(payload = "''", schema = 'current_schema()'): string {
    return `pg_notify(${schema} || '_${this.kind}', ${payload})`;
  }
}

/** Every channel of the platform, in one place. */
export const notifyChannels = {
  /** Events were committed to the outbox: the relay publishes them. */
  outboxCommitted: new NotifyChannel('outbox'),
  /** Evaluation: consortia were marked stale: the indicator refresher recomputes them. */
  indicatorsStale: new NotifyChannel('stale'),
  /** Evaluation: a consortium's indicators changed (payload: its id): live dashboards are sent them. */
  indicatorsChanged: new NotifyChannel('indicators'),
};
