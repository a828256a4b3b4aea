import { randomUUID } from 'node:crypto';
import { consortiumToken, TestSystem } from '@ccndr/testing';
import { createConsortium, joinOrganization } from './support/programme';

/** A client that retries a command (a timeout, a lost answer) with its Idempotency-Key gets the first answer and writes nothing new. */
describe('idempotent commands: a retried POST with the same Idempotency-Key returns the first result and writes nothing new', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'] });
    ({ consortiumId, coordinator } = await createConsortium(system, 'Consortium idempotent'));
  });
  afterAll(() => system?.stop());

  const post = (path: string, body: unknown, key?: string, token = coordinator) =>
    system.call('community', 'POST', `/consortia/${consortiumId}${path}`, { token, body, headers: key ? { 'idempotency-key': key } : {} });
  const count = async (table: string) => (await system.sql(`SELECT count(*)::int AS n FROM community.${table} WHERE consortium_id = $1`, [consortiumId]))[0].n;

  it('answers a retry with the first answer, marked as replayed, and records one organisation and one event', async () => {
    const body = { name: 'Organisme relancé', category: 'youth-employment-nonprofit', provinceOrTerritory: 'QC', preferredLanguage: 'fr' };
    const key = randomUUID();
    const before = await count('organizations');
    const first = await post('/organizations', body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retried = await post('/organizations', body, key);
    expect(retried).toMatchObject({ status: 201, body: first.body });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('organizations')).toBe(before + 1);
    const [{ n }] = await system.sql(`SELECT count(*)::int AS n FROM community.outbox o WHERE o.payload::jsonb -> 'data' ->> 'organizationId' = $1`, [first.body.id]);
    const published = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.community.organization.joined.v1' && e.data.organizationId === first.body.id);
    expect(n + published.length).toBe(1);

    // Without a key, the same body is a new command: refused here because the name is taken.
    expect((await post('/organizations', body)).status).toBe(409);
  });

  it('keeps an answer with its own status code (200 routes too) and scopes keys to the caller', async () => {
    const gathering = (await post('/gatherings', { kind: 'workshop', title: 'Atelier relancé', startsAt: '2026-02-01T15:00:00.000Z', alreadyHeld: true }, randomUUID())).body.id;
    const organization = await joinOrganization(system, consortiumId, coordinator, 'Organisme présent', 'youth-employment-nonprofit');
    const member = (await post('/members', { organizationId: organization, displayName: 'Présence relancée', role: 'nonprofit-staff' })).body.id;
    const key = randomUUID();
    const first = await post(`/gatherings/${gathering}/attendance`, { memberIds: [member] }, key);
    expect(first.status).toBe(200);
    const retried = await post(`/gatherings/${gathering}/attendance`, { memberIds: [member] }, key);
    expect(retried).toMatchObject({ status: 200, body: first.body });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');

    // Another coordinator's request with the same key is a request of its own.
    const other = await consortiumToken({ [consortiumId]: ['coordinator'] }, 'another-coordinator@test');
    const theirs = await post(`/gatherings/${gathering}/attendance`, { memberIds: [member] }, key, other);
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses the same key on a different request, and a malformed key, writing nothing', async () => {
    const key = randomUUID();
    const body = { name: 'Organisme unique', category: 'service-provider', provinceOrTerritory: 'ON', preferredLanguage: 'en' };
    expect((await post('/organizations', body, key)).status).toBe(201);
    const before = await count('organizations');
    expect(await post('/organizations', { ...body, name: 'Un autre organisme' }, key)).toMatchObject({ status: 422, body: { code: 'idempotency.key-reused', errors: [{ code: 'idempotency.key-reused', field: 'Idempotency-Key' }] } });
    expect(await post('/organizations', { ...body, name: 'Encore un autre' }, 'clé avec espaces')).toMatchObject({ status: 400, body: { errors: [{ field: 'Idempotency-Key' }] } });
    expect(await count('organizations')).toBe(before);
  });

  it('lets only one of two simultaneous requests with one key write; the other is refused or replayed', async () => {
    const key = randomUUID();
    const before = await count('organizations');
    const body = { name: 'Organisme simultané', category: 'other-member', provinceOrTerritory: 'NS', preferredLanguage: 'fr' };
    const answers = await Promise.all(Array.from({ length: 4 }, () => post('/organizations', body, key)));
    expect(answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await count('organizations')).toBe(before + 1);
    // Once settled, every retry gets the first answer.
    const settled = await post('/organizations', body, key);
    expect(settled).toMatchObject({ status: 201, body: answers.find((a) => a.status === 201)!.body });
  });

  it('announces the header on every POST of the OpenAPI document', async () => {
    const document = (await system.call('community', 'GET', '/docs/openapi.json')).body;
    const posts = Object.values(document.paths as Record<string, { post?: { parameters: { name: string; in: string }[] } }>).filter((p) => p.post);
    expect(posts.length).toBeGreaterThan(10);
    for (const path of posts) expect(path.post!.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
  });

  it('does not keep a refused request', async () => {
    const key = randomUUID();
    const invalid = { name: 'Organisme corrigé', category: 'youth-employment-nonprofit', country: 'CA', preferredLanguage: 'fr' };
    expect((await post('/organizations', invalid, key)).status).toBe(400);
    // The client's retry carries the same body: still refused, nothing kept.
    expect((await post('/organizations', invalid, key)).status).toBe(400);
    expect(await system.sql(`SELECT 1 FROM community.idempotency_keys WHERE key = $1`, [key])).toEqual([]);
  });
});
