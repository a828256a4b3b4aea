import { randomUUID } from 'node:crypto';
import { CloudEventEnvelope, FrameworkAdoptedV1, ReadinessGapsIdentifiedV1 } from '@ccndr/contracts';
import { AtCommit, JetStreamContext } from '@ccndr/messaging';
import { asPlatform } from '@ccndr/persistence';
import { assessmentsEvent, matchingScratch } from './matching-scratch';

/** Every order of `items`. */
function orders<T>(items: T[]): T[][] {
  return items.length <= 1 ? [items] : items.flatMap((item, i) => orders(items.filter((_, j) => j !== i)).map((rest) => [item, ...rest]));
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();

/**
 * Provider matching's projections of assessments' events whatever the order they arrive in: each
 * set of events applied in every order, one transaction per event (as when a failing event is
 * retried alone or a dead letter redriven) and all in one batch, through the real handlers into a
 * scratch schema migrated as the service's.
 */
describe('provider matching projections', () => {
  const scratch = matchingScratch('matching_order');
  const event = assessmentsEvent;

  /** Applies events in one transaction, as the consumer applies a batch. */
  const applyTogether = (events: CloudEventEnvelope[]) =>
    asPlatform(() =>
      scratch.db.transaction(async (manager) => {
        const atCommit = new AtCommit();
        for (const e of events) await scratch.handlers.get(e.type)!(e, new JetStreamContext([{ subject: e.type, sequence: 0 }, manager, 'provider-matching-readiness', atCommit]));
        await atCommit.run(manager);
      }),
    );

  /** The final state of every order of the events `scenario` gives for a fresh consortium (prepared by `given`), read by `state`. */
  async function finalStates(scenario: (consortiumId: string) => CloudEventEnvelope[], state: (consortiumId: string) => Promise<unknown>, given?: (consortiumId: string) => Promise<void>) {
    const states: unknown[] = [];
    for (const order of orders(scenario(randomUUID()).map((_, i) => i))) {
      for (const together of [false, true]) {
        const consortiumId = randomUUID();
        await given?.(consortiumId);
        const events = scenario(consortiumId);
        if (together) await applyTogether(order.map((i) => events[i]));
        else for (const i of order) await applyTogether([events[i]]);
        states.push(await state(consortiumId));
      }
    }
    // One final state, whatever the order.
    expect(new Set(states.map((s) => JSON.stringify(s))).size).toBe(1);
    return states[0];
  }

  it('keeps the latest adoption of a framework whatever the order; of two adoptions of the same instant, the greater version', async () => {
    const dimensions = (...keys: string[]) => keys.map((key) => ({ key, name: { fr: key, en: key } }));
    const state = await finalStates(
      (c) => [
        event(FrameworkAdoptedV1, c, { frameworkVersion: '2026.1', dimensions: dimensions('data-governance', 'data-literacy'), adoptedAt: at(1) }),
        event(FrameworkAdoptedV1, c, { frameworkVersion: '2026.2', dimensions: dimensions('data-governance', 'cybersecurity'), adoptedAt: at(2) }),
        event(FrameworkAdoptedV1, c, { frameworkVersion: '2026.1', dimensions: dimensions('data-governance', 'data-literacy'), adoptedAt: at(3) }),
        event(FrameworkAdoptedV1, c, { frameworkVersion: '2026.3', dimensions: dimensions('data-strategy'), adoptedAt: at(3) }),
      ],
      async (c) => (await scratch.db.query(`SELECT framework_version AS version, dimensions FROM consortium_frameworks WHERE consortium_id = $1`, [c]))[0],
    );
    expect(state).toEqual({ version: '2026.3', dimensions: dimensions('data-strategy') });
  });

  it('keeps each draft need as the latest gaps of its dimension left it, with their suggestions, whatever the order', async () => {
    const [organizationId, providerId] = [randomUUID(), randomUUID()];
    const assessments = [randomUUID(), randomUUID(), randomUUID()];
    const gap = (dimension: string, currentStage: number, targetStage: number, priority: number) => ({ dimension, currentStage, targetStage, priority });
    const state = await finalStates(
      (c) => [
        event(ReadinessGapsIdentifiedV1, c, { assessmentId: assessments[0], organizationId, frameworkVersion: '2026.1', gaps: [gap('data-governance', 1, 3, 1), gap('data-literacy', 2, 4, 2)], identifiedAt: at(1) }),
        event(ReadinessGapsIdentifiedV1, c, { assessmentId: assessments[1], organizationId, frameworkVersion: '2026.1', gaps: [gap('data-literacy', 3, 4, 1), gap('cybersecurity', 1, 2, 2)], identifiedAt: at(2) }),
        event(ReadinessGapsIdentifiedV1, c, { assessmentId: assessments[2], organizationId, frameworkVersion: '2026.1', gaps: [gap('cybersecurity', 2, 3, 1)], identifiedAt: at(3) }),
      ],
      (c) =>
        scratch.db.query(
          `SELECT n.dimension, n.status, n.assessment_id AS "assessmentId", n.current_stage AS "current", n.target_stage AS "target", n.priority,
                  (SELECT array_agg(s.provider_id) FROM suggestions s WHERE s.need_id = n.id) AS suggested,
                  (SELECT max(s.computed_at) FROM suggestions s WHERE s.need_id = n.id) AS "suggestedAt"
           FROM needs n WHERE n.consortium_id = $1 ORDER BY n.dimension`,
          [c],
        ),
      // A provider offering every dimension, so that each need has a suggestion computed as of its gaps.
      (c) =>
        asPlatform(async () => {
          await scratch.db.query(`INSERT INTO organizations (consortium_id, organization_id, category, preferred_language, updated_at) VALUES ($1, $2, 'service-provider', 'fr', $3)`, [c, providerId, at(0)]);
          await scratch.db.query(
            `INSERT INTO providers (consortium_id, organization_id, languages, provinces_served, remote, cost_model, capacity, response_time_days, registered_at, updated_at)
             VALUES ($1, $2, '{fr}', '{QC}', true, '{"kind": "free", "feeRange": null}', 3, 5, $3, $3)`,
            [c, providerId, at(0)],
          );
          await scratch.db.query(`INSERT INTO offerings (id, consortium_id, organization_id, title, dimensions, stages) VALUES ($1, $2, $3, 'Accompagnement', '{data-governance,data-literacy,cybersecurity}', '{1,2,3,4}')`, [
            randomUUID(),
            c,
            providerId,
          ]);
        }),
    );
    const need = (dimension: string, assessmentId: string, current: number, target: number, identifiedAt: string) => ({
      dimension,
      status: 'draft',
      assessmentId,
      current,
      target,
      priority: 1,
      suggested: [providerId],
      suggestedAt: new Date(identifiedAt),
    });
    expect(state).toEqual([need('cybersecurity', assessments[2], 2, 3, at(3)), need('data-governance', assessments[0], 1, 3, at(1)), need('data-literacy', assessments[1], 3, 4, at(2))]);
  });

  it('does not open again a need closed since newer gaps when older gaps arrive late; newer gaps open a new draft', async () => {
    const [consortiumId, organizationId] = [randomUUID(), randomUUID()];
    const gaps = (assessmentId: string, currentStage: number, identifiedAt: string) =>
      event(ReadinessGapsIdentifiedV1, consortiumId, { assessmentId, organizationId, frameworkVersion: '2026.1', gaps: [{ dimension: 'cybersecurity', currentStage, targetStage: 4, priority: 1 }], identifiedAt });
    const needs = () => scratch.db.query(`SELECT status, current_stage AS "current" FROM needs WHERE consortium_id = $1 ORDER BY identified_at`, [consortiumId]);
    await applyTogether([gaps(randomUUID(), 2, at(2))]);
    // Its engagement completed: the need is closed.
    await asPlatform(() => scratch.db.query(`UPDATE needs SET status = 'closed' WHERE consortium_id = $1`, [consortiumId]));
    await applyTogether([gaps(randomUUID(), 1, at(1))]);
    expect(await needs()).toEqual([{ status: 'closed', current: 2 }]);
    await applyTogether([gaps(randomUUID(), 3, at(3))]);
    expect(await needs()).toEqual([{ status: 'closed', current: 2 }, { status: 'draft', current: 3 }]);
  });
});
