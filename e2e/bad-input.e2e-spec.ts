import { signDevelopmentToken } from '@ccndr/auth';
import { adminToken, consortiumToken, TestSystem } from '@ccndr/testing';
import { buildProgramme, createConsortium } from './support/programme';

describe('bad input gets a clear 4xx naming the problem and writes nothing', () => {
  let system: TestSystem;
  let programme: Awaited<ReturnType<typeof buildProgramme>>;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'provider-matching', 'evaluation'] });
    programme = await buildProgramme(system, 2);
  });
  afterAll(() => system?.stop());

  const organizationCount = async () => (await system.call('community', 'GET', `/consortia/${programme.consortiumId}/organizations`, { token: programme.coordinator })).body.length;

  it('answers 401 without a token and 401 with a forged one', async () => {
    expect((await system.call('community', 'GET', `/consortia/${programme.consortiumId}/organizations`)).status).toBe(401);
    const forged = await signDevelopmentToken('a-secret-this-platform-never-trusts', { subject: 'intruder', platformRoles: ['platform-admin'] });
    expect((await system.call('community', 'POST', '/consortia', { token: forged, body: {} })).status).toBe(401);
  });

  it('lets only platform admins open consortia', async () => {
    const response = await system.call('community', 'POST', '/consortia', {
      token: programme.coordinator,
      body: { name: { fr: 'X', en: 'X' }, defaultLanguage: 'fr' },
    });
    expect(response.status).toBe(403);
  });

  it('names a missing field', async () => {
    const response = await system.call('community', 'POST', '/consortia', { token: await adminToken(), body: { name: { fr: 'Consortium', en: 'Consortium' } } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, errors: [{ field: 'defaultLanguage' }] });
    expect(response.body.detail).toContain('defaultLanguage');
  });

  it('rejects an unknown category and writes nothing', async () => {
    const before = await organizationCount();
    const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/organizations`, {
      token: programme.coordinator,
      body: { name: 'Banque', category: 'bank', provinceOrTerritory: 'QC', country: 'CA', preferredLanguage: 'fr' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'category' })]);
    expect(await organizationCount()).toBe(before);
  });

  it('requires a province or territory for an organisation in Canada', async () => {
    const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/organizations`, {
      token: programme.coordinator,
      body: { name: 'Sans province', category: 'other-member', country: 'CA', preferredLanguage: 'en' },
    });
    expect(response).toMatchObject({ status: 400, body: { errors: [{ field: 'provinceOrTerritory' }] } });
  });

  it('names an unexpected field', async () => {
    const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings`, {
      token: programme.coordinator,
      body: { kind: 'workshop', title: 'Atelier', startsAt: '2026-05-01T15:00:00Z', room: 'B-12' },
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('room');
  });

  it('answers 400 for a malformed consortium or gathering id', async () => {
    const consortium = await system.call('community', 'GET', '/consortia/not-a-uuid/organizations', { token: await adminToken() });
    expect(consortium).toMatchObject({ status: 400, body: { code: 'field.not-an-id', errors: [{ code: 'field.not-an-id', field: 'consortiumId' }] } });
    const gathering = await system.call('community', 'GET', `/consortia/${programme.consortiumId}/gatherings/42`, { token: programme.coordinator });
    expect(gathering).toMatchObject({ status: 400, body: { errors: [{ field: 'gatheringId' }] } });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings`, {
      token: programme.coordinator,
      body: '{"kind": "workshop",',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
  });

  describe('bodies the parsers cannot or must not read: a clear 4xx in both languages, nothing written', () => {
    const gatheringCount = async () => (await system.call('community', 'GET', `/consortia/${programme.consortiumId}/gatherings`, { token: programme.coordinator })).body.length;
    const schedule = (body: string, headers: Record<string, string>, language = 'en') =>
      fetch(`${system.service('community').url}/consortia/${programme.consortiumId}/gatherings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${programme.coordinator}`, 'accept-language': language, ...headers },
        body,
      }).then(async (response) => ({ status: response.status, type: response.headers.get('content-type'), body: await response.json() }));
    const json = { 'content-type': 'application/json' };

    it.each([
      ['a 10 MB JSON body', 'x'.repeat(10 * 1024 * 1024), json, 413, 'the body is larger than 1024 KB', 'le corps dépasse 1024 Ko'],
      ['a charset other than UTF-8', '{"title":"Atelier"}', { 'content-type': 'application/json; charset=iso-8859-1' }, 415, 'the character set ISO-8859-1 is not supported: send UTF-8', 'le jeu de caractères ISO-8859-1 n’est pas pris en charge\u00a0: envoyez de l’UTF-8'],
      ['an unknown content encoding', '{"title":"Atelier"}', { ...json, 'content-encoding': 'x-squeeze' }, 415, 'the content encoding x-squeeze is not supported: send the body uncompressed or as gzip', 'l’encodage x-squeeze n’est pas pris en charge\u00a0: envoyez le corps non compressé ou en gzip'],
      ['JSON nested 2,000 deep', `{"kind":"workshop","title":${'['.repeat(2000)}${']'.repeat(2000)},"startsAt":"2026-05-01T15:00:00Z"}`, json, 400, 'the body nests deeper than 64 levels', 'le corps dépasse 64 niveaux d’imbrication'],
      ['a form post', 'kind=workshop&title=Atelier&startsAt=2026-05-01T15%3A00%3A00Z', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'send the body as application/json (a join log as text/csv), not application/x-www-form-urlencoded', 'envoyez le corps en application/json (un journal de connexion en text/csv), pas application/x-www-form-urlencoded'],
      ['plain text', '{"kind":"workshop","title":"Atelier","startsAt":"2026-05-01T15:00:00Z"}', { 'content-type': 'text/plain' }, 415, 'send the body as application/json (a join log as text/csv), not text/plain', 'envoyez le corps en application/json (un journal de connexion en text/csv), pas text/plain'],
      ['CSV sent to a JSON route', 'kind,title\nworkshop,Atelier\n', { 'content-type': 'text/csv' }, 415, 'send the body as application/json', 'envoyez le corps en application/json'],
    ])('refuses %s', async (_name, body, headers, status, english, french) => {
      const before = await gatheringCount();
      for (const [language, detail] of [['en', english], ['fr', french]]) {
        const response = await schedule(body, headers, language);
        expect(response).toMatchObject({ status, type: expect.stringContaining('application/problem+json'), body: { status, detail: expect.stringContaining(detail) } });
      }
      expect(await gatheringCount()).toBe(before);
      expect((await system.call('community', 'GET', '/health/ready')).status).toBe(200);
    });

    it('refuses a join log sent as anything but text/csv, naming text/csv', async () => {
      for (const headers of [json, { 'content-type': 'text/plain' }]) {
        const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings/${programme.meetingId}/attendance/import`, {
          token: programme.coordinator,
          body: headers === json ? '{"rows":[]}' : 'Name,Email\nAna Roy,ana@example.org\n',
          headers,
        });
        expect(response).toMatchObject({ status: 415, body: { detail: expect.stringContaining('text/csv') } });
      }
    });

    it('refuses a 10 MB join log with 413 in both languages and records no attendance', async () => {
      const attendanceOf = async () => (await system.call('community', 'GET', `/consortia/${programme.consortiumId}/gatherings/${programme.meetingId}/attendance`, { token: programme.coordinator })).body;
      const before = await attendanceOf();
      const rows = Array.from({ length: 200_000 }, (_, i) => `Person ${i},person${i}@example.org,45`).join('\n');
      const log = `Name,Email,Minutes\n${rows}\n`.padEnd(10 * 1024 * 1024, ' ');
      for (const [language, detail] of [['en', 'the body is larger than 2048 KB'], ['fr', 'le corps dépasse 2048 Ko']]) {
        const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings/${programme.meetingId}/attendance/import`, {
          token: programme.coordinator,
          body: log,
          headers: { 'content-type': 'text/csv', 'accept-language': language },
        });
        expect(response).toMatchObject({ status: 413, body: { code: 'request.body-too-large', detail: detail } });
      }
      expect(await attendanceOf()).toEqual(before);
    });

    it('refuses dates outside the years 1900–2200, naming the field in both languages, and writes nothing', async () => {
      const before = await gatheringCount();
      for (const startsAt of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2201-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
        const english = await schedule(JSON.stringify({ kind: 'workshop', title: 'Atelier', startsAt, alreadyHeld: true }), json);
        expect(english).toMatchObject({ status: 400, body: { code: 'request.invalid-fields', errors: [{ code: 'field.out-of-range', field: 'startsAt', detail: 'must be between the years 1900 and 2200' }] } });
        const french = await schedule(JSON.stringify({ kind: 'workshop', title: 'Atelier', startsAt, alreadyHeld: true }), json, 'fr');
        expect(french).toMatchObject({ status: 400, body: { errors: [{ code: 'field.out-of-range', field: 'startsAt', detail: 'doit se situer entre les années 1900 et 2200' }] } });
      }
      expect(await gatheringCount()).toBe(before);
    });
  });

  it.each([
    ['a target’s dueOn', 'evaluation', 'PUT', '/indicators/o1.meeting-participants/target', (date: string) => ({ value: 10, dueOn: date }), 'dueOn'],
    ['a need’s startsOn', 'provider-matching', 'POST', '/needs', (date: string) => ({ organizationId: programme.organizations.nonprofit, dimension: 'data-governance', description: 'Besoin', language: 'fr', staffHoursPerWeek: 2, startsOn: date }), 'startsOn'],
    ['a partnership record’s occurredOn', 'provider-matching', 'POST', `/partnerships/${crypto.randomUUID()}/records`, (date: string) => ({ kind: 'joint-initiative', occurredOn: date, summary: 'Atelier commun' }), 'occurredOn'],
    ['a payment’s paidOn', 'provider-matching', 'POST', `/engagements/${crypto.randomUUID()}/payments/kick-off`, (date: string) => ({ amount: 100, paidOn: date }), 'paidOn'],
  ] as const)('refuses %s in year 0000 or beyond 2200 with 400 naming the field, never a 500', async (_name, service, method, path, body, field) => {
    for (const date of ['0000-01-01', '1899-12-31', '2201-01-01']) {
      for (const [language, detail] of [['en', 'must be between the years 1900 and 2200'], ['fr', 'doit se situer entre les années 1900 et 2200']]) {
        const response = await system.call(service, method, `/consortia/${programme.consortiumId}${path}`, { token: programme.coordinator, body: body(date), headers: { 'accept-language': language } });
        expect({ date, status: response.status }).toEqual({ date, status: 400 });
        expect(response.body.errors).toEqual(expect.arrayContaining([{ code: 'field.out-of-range', field, detail }]));
      }
    }
  });

  it('refuses a list longer than its maximum (1,001 attendees, 51 experts) with 400 naming the field, writing nothing', async () => {
    const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
    const attendees = async () => (await system.call('community', 'GET', `/consortia/${programme.consortiumId}/gatherings/${programme.meetingId}/attendance`, { token: programme.coordinator })).body;
    const before = await attendees();
    const attendance = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings/${programme.meetingId}/attendance`, { token: programme.coordinator, body: { memberIds: ids(1001) } });
    expect(attendance).toMatchObject({ status: 400, body: { errors: [{ code: 'field.too-many', field: 'memberIds' }] } });
    expect(await attendees()).toEqual(before);
    const models = await system.call('community', 'PUT', `/consortia/${programme.consortiumId}/collaboration-models/${crypto.randomUUID()}/experts`, { token: programme.coordinator, body: { memberIds: ids(51) } });
    expect(models).toMatchObject({ status: 400, body: { errors: [{ code: 'field.too-many', field: 'memberIds' }] } });
  });

  it('refuses a member of an organisation from another consortium', async () => {
    const other = await createConsortium(system, 'Autre consortium');
    const otherOrganization = (await system.call('community', 'POST', `/consortia/${other.consortiumId}/organizations`, {
      token: other.coordinator,
      body: { name: 'Ailleurs', category: 'sector-advisor', provinceOrTerritory: 'BC', preferredLanguage: 'en' },
    })).body.id;
    const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/members`, {
      token: programme.coordinator,
      body: { organizationId: otherOrganization, displayName: 'Intruder', role: 'observer' },
    });
    expect(response).toMatchObject({ status: 400, body: { code: 'organization.unknown', errors: [{ code: 'organization.unknown', field: 'organizationId' }] } });
  });

  it('records no attendance at all when one of the people is unknown', async () => {
    const unknown = '3f1e2d3c-4b5a-4697-8877-665544332211';
    const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings/${programme.meetingId}/attendance`, {
      token: programme.coordinator,
      body: { memberIds: [programme.members[0], unknown] },
    });
    expect(response).toMatchObject({ status: 400, body: { code: 'member.unknown', errors: [{ code: 'member.unknown', field: 'memberIds' }], unknownMemberIds: [unknown] } });
    const gathering = await system.call('community', 'GET', `/consortia/${programme.consortiumId}/gatherings/${programme.meetingId}`, { token: programme.coordinator });
    expect(gathering.body.attendeeCount).toBe(0);
  });

  it('answers 404 for a gathering that does not exist', async () => {
    const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings/3f1e2d3c-4b5a-4697-8877-665544332211/attendance`, {
      token: programme.coordinator,
      body: { memberId: programme.members[0] },
    });
    expect(response.status).toBe(404);
  });

  it('refuses text with a NUL character, which no person types and PostgreSQL cannot store, and writes nothing', async () => {
    const before = await organizationCount();
    const response = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/organizations`, {
      token: programme.coordinator,
      body: { name: 'Nul\u0000part', category: 'other-member', provinceOrTerritory: 'QC', preferredLanguage: 'fr' },
    });
    expect(response).toMatchObject({ status: 400, body: { errors: [{ code: 'field.contains-nul', field: 'name', detail: 'must not contain the NUL character (U+0000)' }] } });
    expect(await organizationCount()).toBe(before);
  });

  it('answers in French when asked', async () => {
    const response = await system.call('community', 'POST', '/consortia', {
      token: await consortiumToken({}),
      body: {},
      headers: { 'accept-language': 'fr-CA,fr;q=0.9' },
    });
    expect(response).toMatchObject({ status: 403, body: { code: 'access.role-required', title: 'Votre rôle ne permet pas ceci.', type: 'urn:ccndr:problem:access.role-required', detail: 'exige l’un des rôles\u00a0: platform-admin' } });
  });

  it('names the fields in the language asked for: a schema’s checks, the service’s own rules and a join log’s rows', async () => {
    const french = { 'accept-language': 'fr' };
    const path = `/consortia/${programme.consortiumId}/organizations`;
    const sansProvince = { name: 'Sans province', category: 'other-member', country: 'CA', preferredLanguage: 'fr' };
    for (const [headers, missing, unknownKey] of [
      [french, 'est obligatoire pour un organisme au Canada', 'Clé non reconnue : "colour"'],
      [{}, 'is required for an organization in Canada', 'Unrecognized key: "colour"'],
    ] as const) {
      const refused = await system.call('community', 'POST', path, { token: programme.coordinator, body: { ...sansProvince, colour: 'blue' }, headers });
      expect(refused).toMatchObject({ status: 400, body: { errors: expect.arrayContaining([{ code: 'organization.province-required', field: 'provinceOrTerritory', detail: missing }, { code: 'field.unknown', field: '(body)', detail: unknownKey }]) } });
    }
    const taken = await system.call('community', 'POST', path, { token: programme.coordinator, body: { ...sansProvince, name: (await system.call('community', 'GET', path, { token: programme.coordinator })).body[0].name, provinceOrTerritory: 'QC' }, headers: french });
    expect(taken).toMatchObject({ status: 409, body: { code: 'organization.name-taken', title: 'Un organisme de ce nom fait déjà partie du consortium.', errors: [{ code: 'organization.name-taken', field: 'name' }] } });

    const gathering = (await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings`, { token: programme.coordinator, body: { kind: 'workshop', title: 'Atelier', startsAt: '2026-01-10T15:00:00.000Z', alreadyHeld: true } })).body.id;
    const joinLog = await system.call('community', 'POST', `/consortia/${programme.consortiumId}/gatherings/${gathering}/attendance/import`, {
      token: programme.coordinator,
      body: 'Name,Email\nPersonne Inconnue,inconnue@example.org\n',
      headers: { ...french, 'content-type': 'text/csv' },
    });
    expect(joinLog).toMatchObject({ status: 422, body: { rowErrors: [{ line: 2, reason: 'aucun membre ne correspond à inconnue@example.org / Personne Inconnue' }] } });
  });
});
