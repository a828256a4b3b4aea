import { BaseRpcContext } from '@nestjs/microservices';
import { Context, context, Link, trace } from '@opentelemetry/api';
import { EntityManager } from 'typeorm';
import { ATTR_CCNDR_BATCH_EVENTS, ATTR_CCNDR_BATCH_ROWS } from '@ccndr/observability';
import { query, sql } from '@ccndr/persistence';
import { inLinkedSpan } from '../trace-context';

/** Where an event was read: its subject and its sequence in the stream it came from. */
export interface EventOrigin {
  subject: string;
  sequence: number;
}

/**
 * A projection statement run once per batch of events for all the rows they gave, rather than
 * once per event: `statement` takes one array per column, in the order of `columns` (`$1` the
 * first column's values…), as in `INSERT INTO t (a, b) SELECT * FROM unnest($1::uuid[], $2::text[])
 * ON CONFLICT …`. An upsert cannot change one row twice in a statement, so rows that would change
 * the same row (the same `merge.key`) are first combined by `merge.keep` into the one that applying
 * them in turn would leave. Statements whose conflicts do nothing need no merge.
 */
export interface BatchWrite<Row extends object> {
  statement: string;
  columns: readonly (keyof Row & string)[];
  merge?: { key: (row: Row) => string; keep: (earlier: Row, later: Row) => Row };
  /** Reads what the other batch writes of the transaction wrote (a rollup of them): runs after every batch write without it. */
  derived?: boolean;
}

/**
 * For a merge: of two rows, the one whose `field` (a timestamp) is later; on a tie, the earlier
 * row when the statement updates on `<` (the second would change nothing), the later on `<=`.
 */
export function latestBy<Row extends object>(field: keyof Row & string, onTie: 'earlier' | 'later'): (earlier: Row, later: Row) => Row {
  return (earlier, later) => {
    const a = Date.parse(String(earlier[field]));
    const b = Date.parse(String(later[field]));
    return b > a || (b === a && onTie === 'later') ? later : earlier;
  };
}

/** For a merge: of two rows, the one whose `field` (a timestamp) is earlier (the first on a tie). */
export function earliestBy<Row extends object>(field: keyof Row & string): (earlier: Row, later: Row) => Row {
  return (earlier, later) => (Date.parse(String(later[field])) < Date.parse(String(earlier[field])) ? later : earlier);
}

/** A row to write, with the trace context of each event that gave it (several once merged). */
interface Pending {
  row: object;
  origins: Context[];
}

/**
 * What the events of one transaction ask for at its end: first their batch writes, one statement
 * each, always in the same order (so a batch write must not depend on another having run before
 * it, except a `derived` one, which runs after the others); then work once per key however many asked (the last request of a key wins), such as a
 * projection recomputed once per batch, not per event. That work runs in key order. Every
 * replica takes its locks in the same order.
 */
export class AtCommit {
  /** Per batch write, its rows by merge key, or in the order they came. */
  private readonly rows = new Map<BatchWrite<object>, Map<unknown, Pending>>();
  private readonly work = new Map<string, (manager: EntityManager) => Promise<void>>();

  write<Row extends object>(write: BatchWrite<Row>, rows: Row[]): void {
    if (rows.length === 0) return;
    const batchWrite = write as unknown as BatchWrite<object>;
    let pending = this.rows.get(batchWrite);
    if (!pending) this.rows.set(batchWrite, (pending = new Map()));
    const origin = context.active();
    for (const row of rows) {
      // Without a merge every row is an entry of its own.
      const key = write.merge ? write.merge.key(row) : pending.size;
      const earlier = pending.get(key);
      if (!earlier) pending.set(key, { row, origins: [origin] });
      else {
        earlier.row = write.merge!.keep(earlier.row as Row, row);
        earlier.origins.push(origin);
      }
    }
  }

  add(key: string, work: (manager: EntityManager) => Promise<void>): void {
    this.work.delete(key);
    this.work.set(key, work);
  }

  async run(manager: EntityManager): Promise<void> {
    // The statements in one order whatever the events asked first, and merged rows in key order:
    // replicas applying batches at once take the locks of the rows they upsert in the same order.
    const writes = [...this.rows].sort(([a], [b]) => Number(a.derived ?? false) - Number(b.derived ?? false) || (a.statement < b.statement ? -1 : a.statement > b.statement ? 1 : 0));
    for (const [write, pending] of writes) {
      const first = pending.values().next().value!.origins[0];
      const entries = write.merge ? [...pending].sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)).map(([, entry]) => entry) : [...pending.values()];
      const values = write.columns.map((column) => entries.map(({ row }) => (row as Record<string, unknown>)[column] ?? null));
      await traced(first, entries, () => query(manager, sql<unknown, unknown[]>(write.statement, { prepared: true }), values));
    }
    this.rows.clear();
    for (const key of [...this.work.keys()].sort()) await this.work.get(key)!(manager);
    this.work.clear();
  }
}

/**
 * A batch write's statement in the trace of the first event that gave it rows, linked to the
 * others': a request's trace leads to the write that applied it, alone or with hundreds of others.
 */
function traced<T>(first: Context, entries: Pending[], work: () => Promise<T>): Promise<T> {
  const links: Link[] = [];
  // The first event's span is the parent; every other event's is a link.
  const seen = new Set<string>();
  const parent = trace.getSpanContext(first);
  if (parent) seen.add(parent.spanId);
  for (const origin of entries.flatMap((entry) => entry.origins)) {
    const span = trace.getSpanContext(origin);
    if (!span || seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    links.push({ context: span });
  }
  return inLinkedSpan('batch write', { attributes: { [ATTR_CCNDR_BATCH_ROWS]: entries.length, [ATTR_CCNDR_BATCH_EVENTS]: seen.size } }, first, links, work);
}

/**
 * What an event handler gets with `@Ctx()`: where the event came from and the transaction in
 * which its effect and the processed-event record are committed together (with other events of
 * the same batch).
 */
export class JetStreamContext extends BaseRpcContext<[EventOrigin, EntityManager, string, AtCommit]> {
  get origin(): EventOrigin {
    return this.args[0];
  }

  /** Write the handler's effect through this manager: it is the idempotency transaction. */
  get manager(): EntityManager {
    return this.args[1];
  }

  get consumer(): string {
    return this.args[2];
  }

  /**
   * Adds rows to a batch write: the statement runs once for the whole batch, before commit (see
   * BatchWrite). How projections write, rather than a statement per event.
   */
  write<Row extends object>(write: BatchWrite<Row>, ...rows: Row[]): void {
    this.args[3].write(write, rows);
  }

  /**
   * Runs `work` in this transaction after every event of the batch is applied and its batch
   * writes are done, before commit;
   * once per `key` for the whole batch (the last event's work wins).
   */
  beforeCommit(key: string, work: (manager: EntityManager) => Promise<void>): void {
    this.args[3].add(key, work);
  }
}
