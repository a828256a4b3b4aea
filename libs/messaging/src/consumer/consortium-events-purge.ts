import { JetStreamClient } from '@nats-io/jetstream';
import { consortiumEventsSubject } from '@ccndr/contracts';
import { EventBusTopology, purgeConsortiumEvents } from '../topology';
import { DeadLetterStore } from './dead-letter-store';

/**
 * Erases one consortium from the streams, for deleting it: its events (the stream is otherwise
 * append-only) and every dead letter of this service's consumers that carries one of its events.
 * One service erases the events (its NATS user alone may purge the stream); the others erase only
 * their dead letters.
 */
export class ConsortiumEventsPurge {
  constructor(
    private readonly js: JetStreamClient,
    private readonly topology: EventBusTopology,
    private readonly deadLetters: DeadLetterStore,
    private readonly purgesConsortiumEvents: boolean,
  ) {}

  async purge(consortiumId: string): Promise<{ events: number; deadLetters: number }> {
    const jsm = await this.js.jetstreamManager();
    const events = this.purgesConsortiumEvents ? await purgeConsortiumEvents(jsm, this.topology, consortiumEventsSubject(consortiumId, this.topology.namespace)) : 0;
    return { events, deadLetters: await this.deadLetters.eraseConsortium(consortiumId) };
  }
}
