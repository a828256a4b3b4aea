import { randomUUID } from 'node:crypto';
import { CloudEventEnvelope, eventSubject, FrameworkAdoptedV1, ReadinessGapsIdentifiedV1 } from '@ccndr/contracts';
import { EventApplier, eventBusTopology } from '@ccndr/messaging';
import { asPlatform } from '@ccndr/persistence';
import { assessmentsEvent, matchingScratch } from './matching-scratch';

const consumer = 'provider-matching-readiness';
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();

/**
 * An event redelivered after its processed-event record was pruned (docs/operations.md,
 * "Retention") is applied again by the real applier: provider matching's handlers must leave every
 * table as it was and append nothing to the outbox (no second `match.suggested`).
 */
describe('provider matching: duplicates arriving after pruning', () => {
  const scratch = matchingScratch('matching_dup');
  const event = assessmentsEvent;
  let applier: EventApplier;

  beforeAll(() => {
    applier = new EventApplier(scratch.db, eventBusTopology(''));
  });

  /** Applies the event as the live consumer does; true when it was applied (not known as processed). */
  async function deliver(e: CloudEventEnvelope): Promise<boolean> {
    const handler = scratch.handlers.get(e.type)! as never;
    const [fresh] = await applier.applyTogether(consumer, [{ event: e, handler, origin: { subject: eventSubject(e.type, e.consortiumid), sequence: 1 } }]);
    return fresh;
  }

  /** What the consortium's event left: its needs, suggestions, framework, and the events appended to the outbox. */
  const state = (consortiumId: string) =>
    asPlatform(async () => ({
      needs: await scratch.db.query(`SELECT * FROM needs WHERE consortium_id = $1 ORDER BY dimension, status`, [consortiumId]),
      suggestions: await scratch.db.query(`SELECT * FROM suggestions WHERE consortium_id = $1 ORDER BY need_id, provider_id`, [consortiumId]),
      frameworks: await scratch.db.query(`SELECT * FROM consortium_frameworks WHERE consortium_id = $1`, [consortiumId]),
      outbox: await scratch.db.query(`SELECT event_id, subject FROM outbox WHERE consortium_id = $1 ORDER BY position`, [consortiumId]),
    }));

  /** Delivers `e`, runs `between` (what happened since), prunes its record, delivers it again: the second delivery is applied and changes nothing. */
  async function redeliveredAfterPruning(e: CloudEventEnvelope, between?: () => Promise<void>) {
    expect(await deliver(e)).toBe(true);
    await between?.();
    const before = await state(e.consortiumid);
    await scratch.db.query(`DELETE FROM processed_events WHERE consumer = $1 AND event_id = $2`, [consumer, e.id]);
    expect(await deliver(e)).toBe(true);
    expect(await state(e.consortiumid)).toEqual(before);
    return before;
  }

  const gapsOf = (consortiumId: string, organizationId: string) =>
    event(ReadinessGapsIdentifiedV1, consortiumId, {
      assessmentId: randomUUID(),
      organizationId,
      frameworkVersion: '2026.1',
      gaps: [
        { dimension: 'data-governance', currentStage: 1, targetStage: 3, priority: 1 },
        { dimension: 'cybersecurity', currentStage: 2, targetStage: 4, priority: 2 },
      ],
      identifiedAt: at(1),
    });

  it('creates no second need and announces no second suggestion for readiness gaps redelivered', async () => {
    const consortiumId = randomUUID();
    const before = await redeliveredAfterPruning(gapsOf(consortiumId, randomUUID()));
    expect(before.needs).toHaveLength(2);
    expect(before.outbox).toHaveLength(2);
  });

  it('leaves a need posted since, and one closed since, as they are when their gaps are redelivered', async () => {
    const consortiumId = randomUUID();
    await redeliveredAfterPruning(gapsOf(consortiumId, randomUUID()), () =>
      asPlatform(async () => {
        await scratch.db.query(`UPDATE needs SET status = 'open', description = 'Politique de données', posted_at = $2 WHERE consortium_id = $1 AND dimension = 'data-governance'`, [consortiumId, at(5)]);
        await scratch.db.query(`UPDATE needs SET status = 'closed' WHERE consortium_id = $1 AND dimension = 'cybersecurity'`, [consortiumId]);
      }),
    );
  });

  it('keeps the framework a later adoption left when an earlier adoption is redelivered', async () => {
    const consortiumId = randomUUID();
    const dimensions = (key: string) => [{ key, name: { fr: key, en: key } }];
    const first = event(FrameworkAdoptedV1, consortiumId, { frameworkVersion: '2026.1', dimensions: dimensions('data-literacy'), adoptedAt: at(1) });
    const before = await redeliveredAfterPruning(first, async () => {
      await deliver(event(FrameworkAdoptedV1, consortiumId, { frameworkVersion: '2026.2', dimensions: dimensions('data-strategy'), adoptedAt: at(2) }));
    });
    expect(before.frameworks).toEqual([expect.objectContaining({ framework_version: '2026.2' })]);
  });
});
