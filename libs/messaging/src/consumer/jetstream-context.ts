import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

/** Where an event was read: its subject and its sequence in the stream it came from. */
export interface EventOrigin {
  subject: string;
  sequence: number;
}

/**
 * What an event handler gets with `@Ctx()`: where the event came from and the transaction in
 * which its effect and the processed-event record are committed together.
 */
export class JetStreamContext extends BaseRpcContext<[EventOrigin, EntityManager, string]> {
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
}
