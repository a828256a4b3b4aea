import { expectEventually, TestSystem } from '@ccndr/testing';
import { buildProgramme, indicator, scheduleGathering } from './support/programme';

describe('attendance recorded in community reaches the live indicators in evaluation', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'evaluation'] });
  });
  afterAll(() => system?.stop());

  it('updates o1.meeting-participants and the active organisations as attendance is recorded', async () => {
    const programme = await buildProgramme(system, 4);
    const { consortiumId, coordinator, members, meetingId } = programme;

    const initial = await expectEventually(() => indicator(system, consortiumId, coordinator, 'o1.meeting-participants'));
    expect(initial).toMatchObject({ value: 0, target: { comparison: 'more-than', value: 60 }, status: 'not-met' });

    const first = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, {
      token: coordinator,
      body: { memberIds: members.slice(0, 2) },
    });
    expect(first).toMatchObject({ status: 200, body: { recorded: members.slice(0, 2), alreadyRecorded: [], attendeeCount: 2 } });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 2 }));
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1, target: { comparison: 'at-least', value: 10 }, status: 'not-met' });
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 1, target: { value: 10 } });

    // Recording the same people again changes nothing; one new person counts once.
    const second = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, {
      token: coordinator,
      body: { memberIds: [members[0], members[1], members[2]] },
    });
    expect(second).toMatchObject({ status: 200, body: { recorded: [members[2]], alreadyRecorded: [members[0], members[1]], attendeeCount: 3 } });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 3 }));

    const single = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId: members[3] } });
    expect(single).toMatchObject({ status: 200, body: { recorded: [members[3]], attendeeCount: 4 } });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 4 }));

    // Caught up: evaluation's readiness shows no consumer lag, community's no outbox backlog.
    await expectEventually(async () =>
      expect((await system.call('evaluation', 'GET', '/health/ready')).body).toMatchObject({ status: 'ready', lag: { evaluation: { pending: 0, unacknowledged: 0 } } }),
    );
    expect((await system.call('community', 'GET', '/health/ready')).body).toMatchObject({ status: 'ready', outbox: { pending: 0 } });
  });

  it('serves the indicators’ exports over HTTP to the consortium’s callers: CSV, XLSX and Common Impact Data Standard JSON-LD, with the API’s figures', async () => {
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 2);
    await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberIds: members } });
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 2 }));
    const get = (path: string, token?: string) =>
      fetch(`${system.service('evaluation').url}/consortia/${consortiumId}/exports/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    const csv = await get('indicators.csv?lang=en', coordinator);
    expect([csv.status, csv.headers.get('content-type'), csv.headers.get('content-disposition'), csv.headers.get('cache-control')]).toEqual([
      200,
      'text/csv; charset=utf-8; header=present',
      expect.stringMatching(/^attachment; filename="indicators-\d{4}-\d{2}-\d{2}\.csv"$/),
      'no-store',
    ]);
    const rows = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe('key,outcome,indicator,value,unit,target,target due date,status,n,n counts,suppressed (fewer than 5)');
    expect(rows.find((row) => row.startsWith('o1.meeting-participants,'))).toBe('o1.meeting-participants,Outcome 1,Participants in consortium meetings,2,count,> 60,,target not met,,,no');

    // For a period, as the report: its figures, its dates in the file's name; a period refused in both languages, naming its field.
    const march = await get('indicators.csv?lang=en&from=2026-03-01&to=2026-04-01', coordinator);
    expect(march.headers.get('content-disposition')).toBe('attachment; filename="indicators-2026-03-01_2026-04-01.csv"');
    expect((await march.text()).split('\r\n').find((row) => row.startsWith('o1.meeting-participants,'))).toBe('o1.meeting-participants,Outcome 1,Participants in consortium meetings,2,count,> 60,,target not met,,,no');
    const refused = await get('series.csv?from=2026-04-01&to=2026-03-01', coordinator);
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ field: 'to', code: 'field.end-before-start' })]);
    const xlsx = await get('indicators.xlsx?lang=fr', coordinator);
    expect([xlsx.status, xlsx.headers.get('content-type'), xlsx.headers.get('content-disposition')]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      expect.stringMatching(/^attachment; filename="indicateurs-\d{4}-\d{2}-\d{2}\.xlsx"$/),
    ]);
    // An XLSX is a ZIP archive.
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    const cids = await get('cids.jsonld', coordinator);
    expect([cids.status, cids.headers.get('content-type')]).toEqual([200, 'application/ld+json; charset=utf-8']);
    const document = await cids.json();
    expect(document['@context'].cids).toBe('https://ontology.commonapproach.org/cids#');
    expect(document['@graph'].find((n: { '@id': string }) => n['@id'].endsWith('#indicator/o1.meeting-participants'))).toMatchObject({
      '@type': 'cids:Indicator',
      hasName: 'Participants aux rencontres du consortium',
    });

    expect((await get('indicators.csv')).status).toBe(401);
    expect((await get('indicators.csv?lang=de', coordinator)).status).toBe(400);
  });

  it('counts workshop attendance towards active organisations but not meeting participants', async () => {
    const { consortiumId, coordinator, members } = await buildProgramme(system, 2);
    const workshopId = await scheduleGathering(system, consortiumId, coordinator, 'workshop', 'Atelier gouvernance des données');
    await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${workshopId}/attendance`, { token: coordinator, body: { memberId: members[0] } });
    await expectEventually(async () =>
      expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1 }),
    );
    expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 0 });
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 0 });
  });

  it('takes withdrawn attendance off every attendance indicator, and a withdrawal twice changes nothing', async () => {
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 4);
    const path = `/consortia/${consortiumId}/gatherings/${meetingId}`;
    const call = (method: string, suffix: string, body?: unknown) => system.call('community', method, `${path}${suffix}`, { token: coordinator, body });
    const indicators = async () => ({
      participants: (await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).value,
      nonprofits: (await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).value,
      providers: (await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).value,
      roles: (await indicator(system, consortiumId, coordinator, 'o2.representation.expertise')).breakdown.people,
    });

    // Members 0 and 2 are nonprofit staff, 1 and 3 provider staff.
    expect(await call('POST', '/attendance', { memberIds: members })).toMatchObject({ status: 200, body: { attendeeCount: 4 } });
    await expectEventually(async () => expect(await indicators()).toEqual({ participants: 4, nonprofits: 1, providers: 1, roles: { 'nonprofit-staff': 2, 'provider-staff': 2 } }));

    const withdrawn = await call('POST', '/attendance/withdraw', { memberIds: [members[1], members[3]] });
    expect(withdrawn).toMatchObject({ status: 200, body: { withdrawn: [members[1], members[3]], notRecorded: [], attendeeCount: 2 } });
    expect((await call('GET', '/attendance')).body.map((a: { memberId: string }) => a.memberId).sort()).toEqual([members[0], members[2]].sort());
    expect((await call('GET', '')).body).toMatchObject({ attendeeCount: 2 });
    await expectEventually(async () => expect(await indicators()).toEqual({ participants: 2, nonprofits: 1, providers: 0, roles: { 'nonprofit-staff': 2 } }));

    // Idempotent: withdrawing again reports them as not recorded and publishes nothing.
    expect(await call('POST', '/attendance/withdraw', { memberId: members[1] })).toMatchObject({ status: 200, body: { withdrawn: [], notRecorded: [members[1]], attendeeCount: 2 } });
    // Recorded again, they count again.
    expect(await call('POST', '/attendance', { memberId: members[1] })).toMatchObject({ status: 200, body: { recorded: [members[1]], attendeeCount: 3 } });
    await expectEventually(async () => expect(await indicators()).toEqual({ participants: 3, nonprofits: 1, providers: 1, roles: { 'nonprofit-staff': 2, 'provider-staff': 1 } }));

    // Only coordinators withdraw; someone unknown to the consortium fails the whole request and nothing changes.
    const stranger = '0b6f1f3e-9d4c-4c1e-8a53-2f4d8b1c7a10';
    expect(await call('POST', '/attendance/withdraw', { memberIds: [members[0], stranger] })).toMatchObject({ status: 400, body: { code: 'member.unknown', unknownMemberIds: [stranger] } });
    expect(await call('POST', '/attendance/withdraw', {})).toMatchObject({ status: 400 });
    expect((await call('GET', '')).body).toMatchObject({ attendeeCount: 3 });
  });

  it('refuses a withdrawal from another consortium’s coordinator', async () => {
    const mine = await buildProgramme(system, 2);
    const theirs = await buildProgramme(system, 1);
    await system.call('community', 'POST', `/consortia/${mine.consortiumId}/gatherings/${mine.meetingId}/attendance`, { token: mine.coordinator, body: { memberIds: mine.members } });
    const across = await system.call('community', 'POST', `/consortia/${mine.consortiumId}/gatherings/${mine.meetingId}/attendance/withdraw`, { token: theirs.coordinator, body: { memberIds: mine.members } });
    // Another consortium is not theirs to see: the same answer as one that does not exist.
    expect(across).toMatchObject({ status: 404, body: { code: 'consortium.not-found' } });
    expect((await system.call('community', 'GET', `/consortia/${mine.consortiumId}/gatherings/${mine.meetingId}`, { token: mine.coordinator })).body).toMatchObject({ attendeeCount: 2 });
  });

  it('imports a join log skipping the lines that match nobody and those under the minimum minutes, and the indicators count the others', async () => {
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 4);
    const log = [
      'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)',
      'Person 0,,2026-03-10 17:00,2026-03-10 18:00,60',
      'Person 1,,2026-03-10 17:00,2026-03-10 17:05,5',
      '+1 613 555 0100,,2026-03-10 17:00,2026-03-10 18:00,60',
      'Person 2,,2026-03-10 17:00,2026-03-10 17:20,20',
      'Guest Speaker (Guest),guest@example.org,2026-03-10 17:00,2026-03-10 18:00,60',
      'Person 2,,2026-03-10 17:30,2026-03-10 17:45,15',
      'Person 3,,2026-03-10 17:00,2026-03-10 17:10,10',
    ].join('\n');
    const url = `/consortia/${consortiumId}/gatherings/${meetingId}/attendance/import`;
    const send = (query: string, lang = 'en') => system.call('community', 'POST', `${url}${query}`, { token: coordinator, body: log, headers: { 'content-type': 'text/csv', 'accept-language': lang } });

    const refused = await send('');
    expect(refused).toMatchObject({ status: 422, body: { code: 'join-log.unusable-rows' } });
    expect(refused.body.rowErrors.map((r: { line: number; code: string; skippable: boolean }) => [r.line, r.code, r.skippable])).toEqual([[4, 'join-log.no-match', true], [6, 'join-log.no-match', true]]);
    expect(await send('?skipUnmatched=maybe')).toMatchObject({ status: 400 });
    expect(await send('?minimumMinutes=0')).toMatchObject({ status: 400 });

    // Person 2 rejoined: 20 + 15 minutes add up to the minimum of 30; persons 1 and 3 stayed less.
    const imported = await send('?skipUnmatched=true&minimumMinutes=30');
    expect(imported).toMatchObject({ status: 200, body: { rows: 7, attendeeCount: 2, alreadyRecorded: [] } });
    expect([...imported.body.recorded].sort()).toEqual([members[0], members[2]].sort());
    expect(imported.body.skipped).toEqual([
      { line: 4, code: 'join-log.no-match', who: '+1 613 555 0100' },
      { line: 6, code: 'join-log.no-match', who: 'guest@example.org / Guest Speaker' },
    ]);
    expect(imported.body.belowMinimum).toEqual([{ memberId: members[1], minutes: 5 }, { memberId: members[3], minutes: 10 }]);
    await expectEventually(async () => expect(await indicator(system, consortiumId, coordinator, 'o1.meeting-participants')).toMatchObject({ value: 2 }));
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 0 });
    expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1 });

    // A log without durations cannot apply a minimum: a code of ours, in the person's language.
    const noDurations = await system.call('community', 'POST', `${url}?minimumMinutes=30`, { token: coordinator, body: 'Name\nPerson 0\n', headers: { 'content-type': 'text/csv', 'accept-language': 'fr' } });
    expect(noDurations).toMatchObject({ status: 422, body: { code: 'join-log.unusable-rows' } });
    expect(noDurations.body.rowErrors).toEqual([{ line: 1, code: 'join-log.missing-duration', reason: 'aucune colonne de durée dans l’en-tête', skippable: false }]);
  });
});
