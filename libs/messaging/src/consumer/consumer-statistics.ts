import { JetStreamClient } from '@nats-io/jetstream';
import { DurableConsumerSpec, EventBusTopology } from '../topology';

/** What a durable consumer has done since the process started. */
export interface ConsumerActivity {
  applied: number;
  /** Already applied: a redelivery or a duplicate publish. */
  duplicates: number;
  /** Types or versions this service does not handle: acknowledged and skipped. */
  ignored: number;
  deadLettered: number;
  /** `time` of the newest event applied, and how old it is now: the projection's freshness. */
  newestEventTime: string | null;
  newestEventAgeSeconds: number | null;
}

/** A durable consumer's messages not yet delivered, and delivered but not yet acknowledged. */
export interface ConsumerLag {
  pending: number;
  unacknowledged: number;
}

type Counter = Omit<ConsumerActivity, 'newestEventAgeSeconds'>;

/**
 * What this service's durable consumers have done (counted in this process as they go) and how far
 * behind the stream they are (asked of JetStream): what health and metrics report.
 */
export class ConsumerStatistics {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly js: JetStreamClient,
    private readonly topology: EventBusTopology,
    private readonly consumers: DurableConsumerSpec[],
  ) {}

  /** An event applied; with its time, the consumer's freshness moves on if it is the newest. */
  applied(consumer: string, eventTime?: string): void {
    const counter = this.count(consumer);
    counter.applied++;
    if (eventTime && (!counter.newestEventTime || Date.parse(eventTime) > Date.parse(counter.newestEventTime))) counter.newestEventTime = eventTime;
  }

  duplicate(consumer: string): void {
    this.count(consumer).duplicates++;
  }

  ignored(consumer: string): void {
    this.count(consumer).ignored++;
  }

  deadLettered(consumer: string): void {
    this.count(consumer).deadLettered++;
  }

  /** Per durable consumer: events applied, duplicates, ignored, dead-lettered, and freshness. */
  activity(): Record<string, ConsumerActivity> {
    const now = Date.now();
    return Object.fromEntries(
      this.consumers.map((spec) => {
        const c = this.count(spec.durable);
        return [spec.durable, { ...c, newestEventAgeSeconds: c.newestEventTime ? Math.max(0, (now - Date.parse(c.newestEventTime)) / 1000) : null }];
      }),
    );
  }

  /** Per durable consumer: messages not yet delivered and delivered but not yet acknowledged. */
  async lag(): Promise<Record<string, ConsumerLag>> {
    const lag: Record<string, ConsumerLag> = {};
    for (const spec of this.consumers) {
      const consumer = await this.js.consumers.get(this.topology.eventsStream, spec.durable);
      const info = await consumer.info(true);
      lag[spec.durable] = { pending: info.num_pending, unacknowledged: info.num_ack_pending };
    }
    return lag;
  }

  private count(consumer: string): Counter {
    let counter = this.counters.get(consumer);
    if (!counter) this.counters.set(consumer, (counter = { applied: 0, duplicates: 0, ignored: 0, deadLettered: 0, newestEventTime: null }));
    return counter;
  }
}
