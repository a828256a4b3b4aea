import { BaseRpcContext } from '@nestjs/microservices';
import { Context, context, Link, trace } from '@opentelemetry/api';
import { EntityManager } from 'typeorm';
import { queryPrepared } from '@ccndr/persistence';
import { inSpan } from '../trace-context';

/** Where an event was read: its subject and its sequence in the stream it came from. */
export interface EventOrigin {
  subject: string;
  sequence: number;
}

/**
 * A projection statement run once per batch of events for all the rows they gave, rather than
 * once per event: `statement` takes one array per column, in the order of `columns` (`$1` the
 * first column's values…), as in `INSERT INTO t (a, b) SELECT * FROM unnest($1::uuid[], $2::text[])
 * ON CONFLICT …`. Rows with the same `key` go into successive statements in the order they came
 * (an upsert cannot change one row twice in a statement), so the outcome is that of applying the
 * events one by one. Statements whose conflicts do nothing need no key.
 */
export interface BatchWrite<Row extends object> {
  statement: string;
  columns: readonly (keyof Row & string)[];
  key?: (row: Row) => string;
}

/**
 * What the events of one transaction ask for at its end: first their batch writes, each statement
 * in the order first asked for; then work once per key however many asked (the last request of a
 * key wins), such as a projection recomputed once per batch, not per event. That work runs in key
 * order, so locks it takes are taken in the same order by every replica.
 */
export class AtCommit {
  /** Each row with the trace context of the event that gave it. */
  private readonly rows = new Map<BatchWrite<object>, { row: object; origin: Context }[]>();
  private readonly work = new Map<string, (manager: EntityManager) => Promise<void>>();

  write<Row extends object>(write: BatchWrite<Row>, rows: Row[]): void {
    if (rows.length === 0) return;
    let pending = this.rows.get(write as BatchWrite<object>);
    if (!pending) this.rows.set(write as BatchWrite<object>, (pending = []));
    const origin = context.active();
    for (const row of rows) pending.push({ row, origin });
  }

  add(key: string, work: (manager: EntityManager) => Promise<void>): void {
    this.work.delete(key);
    this.work.set(key, work);
  }

  async run(manager: EntityManager): Promise<void> {
    for (const [write, rows] of this.rows) {
      for (const round of rounds(write as BatchWrite<object>, rows)) {
        const values = write.columns.map((column) => round.map(({ row }) => (row as Record<string, unknown>)[column] ?? null));
        await traced(round, () => queryPrepared(manager, write.statement, values));
      }
    }
    this.rows.clear();
    for (const key of [...this.work.keys()].sort()) await this.work.get(key)!(manager);
    this.work.clear();
  }
}

/**
 * A batch write's statement in the trace of the first event that gave it rows, linked to the
 * others': a request's trace leads to the write that applied it, alone or with others.
 */
function traced<T>(round: { origin: Context }[], work: () => Promise<T>): Promise<T> {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const { origin } of round) {
    const span = trace.getSpanContext(origin);
    if (!span || seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    if (seen.size > 1 && links.length < 128) links.push({ context: span });
  }
  return inSpan('batch write', { links, attributes: { 'ccndr.batch.rows': round.length, 'ccndr.batch.events': seen.size } }, round[0].origin, work);
}

/** The rows split so that no key repeats within a statement, each key's rows in the order they came. */
function rounds<Entry extends { row: object }>(write: BatchWrite<object>, entries: Entry[]): Entry[][] {
  if (!write.key) return [entries];
  const result: Entry[][] = [];
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const key = write.key(entry.row);
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (result[round] ??= []).push(entry);
  }
  return result;
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
