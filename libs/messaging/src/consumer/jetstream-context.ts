import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

/** Where an event was read: its subject and its sequence in the stream it came from. */
export interface EventOrigin {
  subject: string;
  sequence: number;
}

/**
 * Work the events of one transaction ask for at its end, once per key however many asked (the
 * last request of a key wins): a projection recomputed once per batch of events, not per event.
 * It runs in key order, so locks it takes are taken in the same order by every replica.
 */
export class AtCommit {
  private readonly work = new Map<string, (manager: EntityManager) => Promise<void>>();

  add(key: string, work: (manager: EntityManager) => Promise<void>): void {
    this.work.delete(key);
    this.work.set(key, work);
  }

  async run(manager: EntityManager): Promise<void> {
    for (const key of [...this.work.keys()].sort()) await this.work.get(key)!(manager);
    this.work.clear();
  }
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
   * Runs `work` in this transaction after every event of the batch is applied, before commit;
   * once per `key` for the whole batch (the last event's work wins).
   */
  beforeCommit(key: string, work: (manager: EntityManager) => Promise<void>): void {
    this.args[3].add(key, work);
  }
}
