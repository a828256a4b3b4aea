import { AckPolicy, DeliverPolicy, JetStreamClient } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { DurableConsumerSpec, EventBusTopology, isJetStreamNotFound, replayConsumerName, StreamHistoryGap, streamHistoryGap } from '../topology';
import { Application, EventApplier } from './event-applier';

/** Events a replay fetches and applies in one transaction (nothing to acknowledge). */
const replayBatchLimit = 2000;

/**
 * Applies a durable consumer's events again from the stream into another schema (a projection
 * being rebuilt), through the event applier: the same handlers, the same processed-event records.
 */
export class StreamReplayer {
  constructor(
    private readonly js: JetStreamClient,
    private readonly topology: EventBusTopology,
    private readonly applier: EventApplier,
  ) {}

  /** Whether the stream has lost events since its first: a replay from its start would then be truncated. */
  async historyGap(): Promise<StreamHistoryGap | null> {
    return streamHistoryGap(await this.js.jetstreamManager(), this.topology);
  }

  /**
   * Applies the events of a durable consumer's filter again, from `fromSequence` to the end of the
   * stream as it is now, into `schema`. Events that are not JSON or fail their schema were
   * dead-lettered when they first came and are skipped.
   */
  async replay(spec: DurableConsumerSpec, schema: string, options: { fromSequence?: number; onProgress?: (applied: number, sequence: number) => void } = {}): Promise<{ applied: number; lastSequence: number }> {
    const stream = this.topology.eventsStream;
    const jsm = await this.js.jetstreamManager();
    // A consumer of one fixed name per durable, which the service's NATS user alone may use (one
    // rebuild runs at a time); one a crashed replay left behind is removed first.
    const name = replayConsumerName(spec.durable);
    await jsm.consumers.delete(stream, name).catch((error) => {
      if (!isJetStreamNotFound(error)) throw error;
    });
    await jsm.consumers.add(stream, {
      name,
      filter_subject: spec.filterSubject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(1, options.fromSequence ?? 1),
      ack_policy: AckPolicy.None,
      mem_storage: true,
      // Gone by itself if the replay dies; long enough for the slowest batch.
      inactive_threshold: nanos(5 * 60_000),
    });
    const reader = await this.js.consumers.get(stream, name);
    // The end of the stream now: live publishing goes on, the replay does not chase it.
    const end = (await jsm.streams.info(stream)).state.last_seq;
    let applied = 0;
    let lastSequence = (options.fromSequence ?? 1) - 1;
    let delivered = 0;
    try {
      while (lastSequence < end) {
        const batch = await reader.fetch({ max_messages: replayBatchLimit, expires: 1000 });
        let received = 0;
        const applications: Application[] = [];
        for await (const msg of batch) {
          // Nothing is acknowledged, so nothing comes again: a message lost on the way (a
          // reconnection) shows as a gap in the consumer's sequence, and the replay fails rather than skip it.
          if (msg.info.deliverySequence !== ++delivered) throw new Error(`replay of ${spec.durable} missed messages (delivery ${msg.info.deliverySequence}, expected ${delivered}): run it again`);
          received++;
          lastSequence = msg.seq;
          const decoded = this.applier.decode(msg.string(), msg.subject);
          if (decoded.kind === 'apply') applications.push({ event: decoded.event, handler: decoded.handler, origin: { subject: msg.subject, sequence: msg.seq } });
        }
        if (applications.length > 0) {
          applied += (await this.applier.applyTogether(spec.durable, applications, schema)).filter(Boolean).length;
          options.onProgress?.(applied, lastSequence);
        }
        if (received === 0 && (await reader.info(false)).num_pending === 0) break;
      }
    } finally {
      await jsm.consumers.delete(stream, name).catch(() => undefined);
    }
    options.onProgress?.(applied, lastSequence);
    return { applied, lastSequence };
  }
}
