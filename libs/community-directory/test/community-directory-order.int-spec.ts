import { randomBytes, randomUUID } from 'node:crypto';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { DataSource } from 'typeorm';
import {
  CloudEventEnvelope,
  ConsortiumCreatedV1,
  EventData,
  EventDefinition,
  MemberJoinedV1,
  MemberLeftV1,
  MemberUpdatedV1,
  OrganizationCategory,
  OrganizationJoinedV1,
  OrganizationLeftV1,
  OrganizationUpdatedV1,
  parseEvent,
} from '@ccndr/contracts';
import { AtCommit, JetStreamContext } from '@ccndr/messaging';
import { asPlatform, createDataSource, openDatabase } from '@ccndr/persistence';
import { communityDirectoryConsumers, communityDirectoryMigrations } from '../src';

/** The directory's handlers by the event type each is registered for, as the consumer routes them. */
const handlers: Record<string, (event: CloudEventEnvelope, ctx: JetStreamContext) => unknown> = Object.fromEntries(
  communityDirectoryConsumers.map((Consumer) => {
    const consumer = new Consumer();
    const [type] = Reflect.getMetadata(PATTERN_METADATA, Consumer.prototype.handle) as string[];
    return [type, (event: CloudEventEnvelope, ctx: JetStreamContext) => consumer.handle(event as any, ctx)];
  }),
);

/** Every order of `items`. */
function orders<T>(items: T[]): T[][] {
  return items.length <= 1 ? [items] : items.flatMap((item, i) => orders(items.filter((_, j) => j !== i)).map((rest) => [item, ...rest]));
}

/** A valid event of the contract (checked as the consumer checks it). */
function event<T extends EventDefinition>(definition: T, consortiumId: string, data: EventData<T>): CloudEventEnvelope {
  const raw = { specversion: '1.0', id: randomUUID(), source: '/ccndr/community', type: definition.type, time: new Date().toISOString(), datacontenttype: 'application/json', consortiumid: consortiumId, data };
  const parsed = parseEvent(raw);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();
const keys = Array.from({ length: 5 }, (_, i) => String(i).repeat(64));

/**
 * The community directory whatever the order its events arrive in: each set of events applied in
 * every order, one transaction per event (as when a failing event is retried alone or a dead letter
 * redriven) and all in one batch, through the directory's handlers into a scratch schema.
 */
describe('community directory', () => {
  const schema = `directory_order_${randomBytes(4).toString('hex')}`;
  let db: DataSource;

  beforeAll(async () => {
    db = await openDatabase(createDataSource({ url: process.env.TEST_DATABASE_URL!, schema, entities: [], migrations: communityDirectoryMigrations, poolSize: 2 }), schema);
  });

  afterAll(async () => {
    await db?.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await db?.destroy();
  });

  /** Applies events in one transaction, as the consumer applies a batch. */
  const applyTogether = (events: CloudEventEnvelope[]) =>
    asPlatform(() =>
      db.transaction(async (manager) => {
        const atCommit = new AtCommit();
        for (const e of events) await handlers[e.type](e, new JetStreamContext([{ subject: e.type, sequence: 0 }, manager, 'directory', atCommit]));
        await atCommit.run(manager);
      }),
    );

  /** The final state of every order of the events `scenario` gives for fresh ids, each read by `state`. */
  async function finalStates(scenario: (consortiumId: string, id: string) => CloudEventEnvelope[], state: (consortiumId: string, id: string) => Promise<unknown>): Promise<unknown[]> {
    const states: unknown[] = [];
    for (const order of orders(scenario(randomUUID(), randomUUID()).map((_, i) => i))) {
      for (const together of [false, true]) {
        const [consortiumId, id] = [randomUUID(), randomUUID()];
        const given = scenario(consortiumId, id);
        const events = order.map((i) => given[i]);
        if (together) await applyTogether(events);
        else for (const e of events) await applyTogether([e]);
        states.push(await state(consortiumId, id));
      }
    }
    return states;
  }

  const organization = async (consortiumId: string, id: string) =>
    (
      await db.query(
        `SELECT category, province_or_territory AS province, preferred_language AS language, left_at IS NOT NULL AS "left" FROM organizations WHERE consortium_id = $1 AND organization_id = $2`,
        [consortiumId, id],
      )
    )[0];
  const member = async (consortiumId: string, id: string) =>
    (await db.query(`SELECT organization_id AS "organizationId", sign_in_key AS "signInKey", left_at IS NOT NULL AS "left" FROM members WHERE consortium_id = $1 AND member_id = $2`, [consortiumId, id]))[0];

  const profile = (category: OrganizationCategory, province: 'QC' | 'ON', language: 'fr' | 'en') => ({
    category,
    provinceOrTerritory: province,
    country: 'CA',
    preferredLanguage: language,
  });

  it('keeps an organisation that left as having left, with its latest profile, and knows the consortium, whatever the order', async () => {
    const states = await finalStates(
      (c, organizationId) => [
        event(ConsortiumCreatedV1, c, { consortiumId: c, defaultLanguage: 'fr', createdAt: at(0) }),
        event(OrganizationJoinedV1, c, { organizationId, ...profile('youth-employment-nonprofit', 'QC', 'fr'), joinedAt: at(1) }),
        event(OrganizationLeftV1, c, { organizationId, leftAt: at(2) }),
        event(OrganizationUpdatedV1, c, { organizationId, ...profile('service-provider', 'ON', 'en'), updatedAt: at(3) }),
      ],
      async (c, organizationId) => ({ ...(await organization(c, organizationId)), consortia: (await db.query(`SELECT count(*)::int AS n FROM consortia WHERE consortium_id = $1`, [c]))[0].n }),
    );
    expect(new Set(states.map((s) => JSON.stringify(s)))).toEqual(new Set([JSON.stringify({ category: 'service-provider', province: 'ON', language: 'en', left: true, consortia: 1 })]));
  });

  it('takes back an organisation that joined again after it left, with the profile of its latest join, whatever the order', async () => {
    const states = await finalStates(
      (c, organizationId) => [
        event(OrganizationJoinedV1, c, { organizationId, ...profile('youth-employment-nonprofit', 'QC', 'fr'), joinedAt: at(1) }),
        event(OrganizationUpdatedV1, c, { organizationId, ...profile('service-provider', 'QC', 'fr'), updatedAt: at(2) }),
        event(OrganizationLeftV1, c, { organizationId, leftAt: at(3) }),
        event(OrganizationJoinedV1, c, { organizationId, ...profile('technical-advisor', 'ON', 'en'), joinedAt: at(4) }),
      ],
      organization,
    );
    expect(new Set(states.map((s) => JSON.stringify(s)))).toEqual(new Set([JSON.stringify({ category: 'technical-advisor', province: 'ON', language: 'en', left: false })]));
  });

  it('keeps a member who left as having left, with their latest organisation and sign-in, whatever the order; a leave wins a join of the same instant', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const states = await finalStates(
      (c, memberId) => [
        event(MemberJoinedV1, c, { memberId, organizationId: first, role: 'nonprofit-staff', joinedAt: at(1), signInKey: keys[1] }),
        event(MemberUpdatedV1, c, { memberId, organizationId: second, role: 'coordinator', updatedAt: at(2), signInKey: keys[2] }),
        event(MemberLeftV1, c, { memberId, organizationId: second, leftAt: at(3) }),
        event(MemberJoinedV1, c, { memberId, organizationId: second, role: 'coordinator', joinedAt: at(3), signInKey: keys[3] }),
      ],
      member,
    );
    expect(new Set(states.map((s) => JSON.stringify(s)))).toEqual(new Set([JSON.stringify({ organizationId: second, signInKey: keys[3], left: true })]));
  });

  it('takes back a member who joined again after they left, whatever the order', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const states = await finalStates(
      (c, memberId) => [
        event(MemberJoinedV1, c, { memberId, organizationId: first, role: 'nonprofit-staff', joinedAt: at(1), signInKey: keys[1] }),
        event(MemberLeftV1, c, { memberId, organizationId: first, leftAt: at(2) }),
        event(MemberJoinedV1, c, { memberId, organizationId: first, role: 'nonprofit-staff', joinedAt: at(3) }),
        event(MemberUpdatedV1, c, { memberId, organizationId: second, role: 'coordinator', updatedAt: at(4), signInKey: keys[4] }),
      ],
      member,
    );
    expect(new Set(states.map((s) => JSON.stringify(s)))).toEqual(new Set([JSON.stringify({ organizationId: second, signInKey: keys[4], left: false })]));
  });
});
