import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { parseEvent } from '@ccndr/contracts';
import { ServiceName } from '@ccndr/local-stack';
import { deadLetterHeaders } from '@ccndr/messaging';
import { adminToken, consortiumToken, TestSystem } from '@ccndr/testing';
import { acceptedBy, JsonSchema } from './support/fuzz';
import { buildProgramme } from './support/programme';

const services: ServiceName[] = ['community', 'assessments', 'provider-matching', 'evaluation'];
/** Bodies per command route and round; each round may reach routes under what the last one created. */
const bodiesPerRoute = 5;
const rounds = 3;

interface Command {
  service: ServiceName;
  method: string;
  template: string;
  body?: JsonSchema;
}

/**
 * One invariant across services: whatever body a command route accepts, the events it leads to are
 * applied by every consumer. Bodies are drawn from each route's own schema in the services' OpenAPI
 * documents (new routes are covered without editing this file), at the schema's edges — first and
 * last allowed dates, longest strings, extreme numbers, non-Latin text — and ids of things that
 * exist, including what earlier accepted commands created. Once the platform is idle: no dead
 * letter, and every published event parses under its contract.
 */
describe('every command a route accepts publishes events that every consumer applies', () => {
  let system: TestSystem;
  let insider: string;
  let admin: string;
  /** Ids by the path parameter they fill (consortiumId, gatheringId…): known ones, then what accepted commands created. */
  const ids = new Map<string, string[]>();
  const commands: Command[] = [];
  /** Values some properties must take to be accepted beyond their schema: the framework's dimensions, organisations of the consortium. */
  const known: Record<string, unknown[]> = {};

  beforeAll(async () => {
    system = await TestSystem.start({ services, env: { WRITE_LIMIT: '10000' } });
    const b = await buildProgramme(system, 2);
    const linked = await system.call('community', 'POST', `/consortia/${b.consortiumId}/members`, {
      token: b.coordinator,
      body: { organizationId: b.organizations.nonprofit, displayName: 'Insider', role: 'nonprofit-staff', subject: 'idp|accepted-insider' },
    });
    expect(linked.status).toBe(201);
    insider = await consortiumToken({ [b.consortiumId]: ['coordinator', 'member', 'provider'] }, 'idp|accepted-insider');
    admin = await adminToken();
    const existing: Record<string, string[]> = {
      consortiumId: [b.consortiumId],
      organizationId: [b.organizations.nonprofit, b.organizations.provider],
      memberId: [linked.body.id, ...b.members],
      gatheringId: [b.meetingId],
      key: ['o1.meeting-participants'],
    };
    for (const [name, values] of Object.entries(existing)) ids.set(name, values);
    const framework = await system.call('assessments', 'GET', `/consortia/${b.consortiumId}/framework`, { token: insider });
    known.dimension = framework.body.dimensions.map((d: { key: string }) => d.key);
    // A body naming an organisation names one of the consortium (a need, for one).
    known.organizationId = existing.organizationId;
    expect(known.dimension.length).toBeGreaterThan(0);
    for (const service of services) {
      const document = (await system.call(service, 'GET', '/docs/openapi.json')).body;
      for (const [template, methods] of Object.entries<Record<string, any>>(document.paths)) {
        // Operators' routes (rebuild, redrive, erase a consortium) are tested on their own.
        if (template.startsWith('/admin/')) continue;
        for (const [method, operation] of Object.entries<any>(methods)) {
          if (!['post', 'put', 'patch'].includes(method)) continue;
          if (operation.requestBody?.content && !operation.requestBody.content['application/json']) continue;
          commands.push({ service, method: method.toUpperCase(), template, body: operation.requestBody?.content?.['application/json']?.schema });
        }
      }
    }
  });
  afterAll(() => system?.stop());

  /** The path parameter an id created by POST on this route fills: `/…/gatherings` → gatheringId. */
  const createdIdName = (template: string) => {
    const last = template.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? '';
    return `${last.replace(/s$/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Id`;
  };
  const pick = (name: string) => {
    const values = ids.get(name);
    return values?.length ? values[Math.floor(Math.random() * values.length)] : randomUUID();
  };

  /**
   * One command, sent as a careful client sends it: with an Idempotency-Key, and once more with the
   * same key when the connection drops before an answer (a kept-alive connection closed by the
   * server as the request left), so a retry can never apply it twice.
   */
  async function send(command: Command, path: string, body: unknown, seed: number) {
    const headers = { 'idempotency-key': randomUUID() };
    const token = path.startsWith('/consortia/') ? insider : admin;
    const attempt = () => system.call(command.service, command.method, path, { token, body, headers });
    return attempt().catch(() =>
      attempt().catch((error) => {
        throw new Error(`seed ${seed}: ${command.method} ${path} got no answer twice (${error.cause ?? error}) to ${JSON.stringify(body)?.slice(0, 500)}`);
      }),
    );
  }

  it('leaves no dead letter and only events valid under their contracts', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    expect(commands.length).toBeGreaterThan(20);
    const accepted = new Map<string, number>();
    for (let round = 0; round < rounds; round++) {
      const allIds = [...ids.values()].flat().filter((id) => /^[0-9a-f-]{36}$/.test(id));
      for (const command of commands) {
        const bodies = command.body ? fc.sample(acceptedBy(command.body, allIds, known), { numRuns: bodiesPerRoute, seed: seed + round }) : [undefined];
        for (const body of bodies) {
          const path = command.template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pick(name)));
          const response = await send(command, path, body, seed);
          if (response.status >= 500) throw new Error(`seed ${seed}: ${command.method} ${path} answered ${response.status} to ${JSON.stringify(body)?.slice(0, 500)}`);
          if (response.status >= 300) continue;
          const route = `${command.service} ${command.method} ${command.template}`;
          accepted.set(route, (accepted.get(route) ?? 0) + 1);
          if (command.method === 'POST' && typeof response.body?.id === 'string') {
            const name = createdIdName(command.template);
            ids.set(name, [...(ids.get(name) ?? []), response.body.id]);
          }
        }
      }
    }
    // The routes whose dates once reached a consumer that could not store them are among those exercised.
    expect([...accepted.keys()]).toEqual(expect.arrayContaining(['community POST /consortia/{consortiumId}/gatherings', 'evaluation PUT /consortia/{consortiumId}/indicators/{key}/target', 'provider-matching POST /consortia/{consortiumId}/needs']));
    expect(accepted.size).toBeGreaterThan(10);

    await system.settled(120_000);
    const deadLetters = (await system.bus.deadLetters()).map((l) => `${l.header.get(deadLetterHeaders.consumer)}: ${l.header.get(deadLetterHeaders.reason)}`);
    expect({ seed, deadLetters }).toEqual({ seed, deadLetters: [] });
    const events = await system.bus.publishedEvents();
    // Enough accepted commands published events for the check below to mean something (how many depends on the seed).
    expect({ seed, published: events.length >= 50 }).toEqual({ seed, published: true });
    const invalid = events.map((event) => parseEvent(event)).flatMap((parsed) => (parsed.ok ? [] : [parsed.reason]));
    expect({ seed, invalid }).toEqual({ seed, invalid: [] });
  });
});
