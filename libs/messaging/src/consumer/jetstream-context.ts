import { JsMsg } from '@nats-io/jetstream';
import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

/**
 * What an event handler gets with `@Ctx()`: the JetStream message and the transaction in which
 * its effect and the processed-event record are committed together.
 */
export class JetStreamContext extends BaseRpcContext<[JsMsg, EntityManager, string]> {
  get message(): JsMsg {
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
