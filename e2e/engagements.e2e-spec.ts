import { parseEvent } from '@ccndr/contracts';
import { consortiumToken, expectEventually, TestSystem } from '@ccndr/testing';
import { createConsortium, indicator, joinMember, joinOrganization } from './support/programme';

describe('provider matching: suggestions, engagements, payment milestones and ratings', () => {
  let system: TestSystem;
  let consortiumId: string;
  let coordinator: string;
  const providers: Record<'remote' | 'local', { id: string; staff: string }> = {} as never;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'assessments', 'provider-matching', 'evaluation'], env: { PENDING_REQUEST_LIMIT: '1', ENGAGEMENT_SWEEP_INTERVAL_MS: '200' } });
    ({ consortiumId, coordinator } = await createConsortium(system));
    for (const [key, name, province] of [['remote', 'Technology Helps', 'ON'], ['local', 'Nord Ouvert', 'QC']] as const) {
      const id = await joinOrganization(system, consortiumId, coordinator, name, 'service-provider', province);
      await joinMember(system, consortiumId, coordinator, id, `${name} staff`, 'provider-staff', `idp|${key}`);
      providers[key] = { id, staff: await consortiumToken({ [consortiumId]: ['provider'] }, `idp|${key}`) };
    }
    const offering = (dimensions: string[], stages: number[]) => ({ title: 'Accompagnement', dimensions, stages });
    await publishProfile(providers.remote, { offerings: [offering(['cybersecurity', 'digital-tools'], [1, 2])], languages: ['fr', 'en'], remote: true, provincesServed: [], capacity: 1, responseTimeDays: 2 });
    await publishProfile(providers.local, { offerings: [offering(['cybersecurity'], [2, 3])], languages: ['en'], remote: false, provincesServed: ['QC'], capacity: 2, responseTimeDays: 5 });
  });
  afterAll(() => system?.stop());

  const api = (token: string, method: string, path: string, body?: unknown) => system.call('provider-matching', method, `/consortia/${consortiumId}${path}`, { token, body });

  async function publishProfile(provider: { id: string; staff: string }, profile: Record<string, unknown>) {
    const body = { costModel: { kind: 'free', feeRange: null }, ...profile };
    await expectEventually(async () => expect((await api(provider.staff, 'PUT', `/providers/${provider.id}`, body)).status).toBe(200));
  }

  /** A nonprofit of its own for each test, with a staff member and an open need. */
  async function nonprofitWithNeed(name: string, dimension = 'cybersecurity') {
    const id = await joinOrganization(system, consortiumId, coordinator, name, 'youth-employment-nonprofit', 'QC');
    const subject = `idp|${name}`;
    await joinMember(system, consortiumId, coordinator, id, `${name} staff`, 'nonprofit-staff', subject);
    const staff = await consortiumToken({ [consortiumId]: ['member'] }, subject);
    const need = await expectEventually(async () => {
      const response = await api(staff, 'POST', '/needs', { organizationId: id, dimension, description: 'Sécuriser nos comptes', language: 'fr', budgetMax: 1000, staffHoursPerWeek: 4 });
      expect(response.status).toBe(201);
      return response.body;
    });
    return { id, staff, needId: need.id as string };
  }

  const engagementEvents = async (engagementId: string) =>
    (await system.bus.publishedEvents()).filter((e) => e.subject === `engagement/${engagementId}`).map((e) => e.type.replace('ccndr.provider-matching.engagement.', ''));

  it('ranks and explains providers for a posted need; a decline reshapes this list and lowers the provider for similar needs', async () => {
    const nonprofit = await nonprofitWithNeed('Mentor Canada');
    const suggestions = (await api(nonprofit.staff, 'GET', `/needs/${nonprofit.needId}/suggestions`)).body;
    expect(suggestions.map((s: any) => [s.providerId, s.rank, s.full])).toEqual([
      [providers.remote.id, 1, false],
      [providers.local.id, 2, false],
    ]);
    expect(suggestions[0].factors.find((f: any) => f.key === 'language')).toMatchObject({ points: 15, max: 15, explanation: { fr: 'Travaille en français', en: 'Works in French' } });
    expect(suggestions[1].factors.find((f: any) => f.key === 'language')).toMatchObject({ points: 0, explanation: { en: 'Does not work in French' } });
    const suggested = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.provider-matching.match.suggested.v1' && e.data.needId === nonprofit.needId);
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(parseEvent(suggested)).toMatchObject({ ok: true });
    expect(suggested.data.suggestions[0]).toMatchObject({ providerId: providers.remote.id, rank: 1, factors: { fit: 40, language: 15 } });

    const request = await api(nonprofit.staff, 'POST', '/engagements', { needId: nonprofit.needId, providerId: providers.remote.id, message: 'Bonjour' });
    expect(request).toMatchObject({ status: 201, body: { status: 'requested', nonprofitId: nonprofit.id, providerId: providers.remote.id, message: 'Bonjour', scope: null } });
    expect(new Date(request.body.respondBy).getTime() - new Date(request.body.requestedAt).getTime()).toBe(2 * 86_400_000);
    const engagement = request.body.id;
    // The provider reads the need it is asked about before answering.
    const seen = await api(providers.remote.staff, 'GET', `/engagements/${engagement}`);
    expect(seen).toMatchObject({ status: 200, body: { need: { dimension: 'cybersecurity', origin: 'posted', description: 'Sécuriser nos comptes', language: 'fr', budgetMax: 1000, staffHoursPerWeek: 4 } } });

    expect(await api(providers.local.staff, 'POST', `/engagements/${engagement}/accept`)).toMatchObject({ status: 403, body: { detail: 'only the provider the request is addressed to answers it' } });
    expect(await api(providers.remote.staff, 'POST', `/engagements/${engagement}/decline`, { reason: 'too-busy' })).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
    expect(await api(providers.remote.staff, 'POST', `/engagements/${engagement}/decline`, { reason: 'outside-expertise' })).toMatchObject({ status: 200, body: { status: 'declined', declineReason: 'outside-expertise' } });

    const after = (await api(nonprofit.staff, 'GET', `/needs/${nonprofit.needId}/suggestions`)).body;
    expect(after.map((s: any) => s.providerId)).toEqual([providers.local.id]);

    const similar = await nonprofitWithNeed('Skills for Change');
    const ranked = (await api(similar.staff, 'GET', `/needs/${similar.needId}/suggestions`)).body;
    const declined = ranked.find((s: any) => s.providerId === providers.remote.id);
    expect(declined.factors.find((f: any) => f.key === 'declines')).toMatchObject({ points: -10, explanation: { en: 'Declined 1 similar request (outside its expertise)' } });
    // Its prompt answer counts for it: the response record rose from 5 (no history) to 10.
    expect(declined.factors.find((f: any) => f.key === 'response-record')).toMatchObject({ points: 10, explanation: { en: 'Answered 1 of 1 request within the promised time' } });
    expect(declined.score).toBe(suggestions[0].score - 10 + 5);

    // Completing a declined engagement skips the lifecycle: refused, nothing written.
    expect(await api(providers.remote.staff, 'POST', `/engagements/${engagement}/complete`)).toMatchObject({ status: 409, body: { detail: 'status: the engagement is declined; it can complete only when active' } });
    expect(await engagementEvents(engagement)).toEqual(['requested.v1', 'declined.v1']);
  });

  it('takes an engagement from acceptance to rated completion: the provider proposes and does the work, the nonprofit agrees and confirms, the coordinator pays', async () => {
    const nonprofit = await nonprofitWithNeed('Woodgreen', 'digital-tools');
    const { body: requested } = await api(nonprofit.staff, 'POST', '/engagements', { needId: nonprofit.needId, providerId: providers.remote.id });
    const id = requested.id;
    const step = (token: string, action: string, body?: unknown) => api(token, 'POST', `/engagements/${id}/${action}`, body);
    const refused = (status: number, code: string) => ({ status, body: { code } });
    const terms = { scope: 'Migration vers Microsoft 365', kickOff: { amount: 1500, dueOn: '2027-01-15' }, completion: { amount: 1500, dueOn: '2027-04-30' } };

    expect(await step(nonprofit.staff, 'accept')).toMatchObject(refused(403, 'engagement.provider-answers'));
    expect(await step(providers.remote.staff, 'start')).toMatchObject({ status: 409, body: { code: 'engagement.wrong-status', errors: [{ code: 'engagement.wrong-status', field: 'status' }] } });
    expect(await step(providers.remote.staff, 'accept')).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(await step(coordinator, 'payments/kick-off', { amount: 1500, paidOn: '2027-01-10' })).toMatchObject({ status: 409, body: { code: 'payment.not-payable-yet', errors: [{ code: 'payment.not-payable-yet', field: 'milestone' }] } });

    // The provider proposes the scope; nothing is agreed until the nonprofit agrees.
    expect(await step(providers.remote.staff, 'scope', { ...terms, completion: { amount: 1500, dueOn: '2026-12-01' } })).toMatchObject({ status: 400, body: { errors: [{ field: 'completion.dueOn' }] } });
    expect(await step(nonprofit.staff, 'scope', terms)).toMatchObject(refused(403, 'engagement.provider-proposes-scope'));
    const agreeTo = (proposedAt: string) => ({ proposedAt });
    expect(await step(nonprofit.staff, 'agree-scope', agreeTo(new Date().toISOString()))).toMatchObject(refused(409, 'engagement.no-scope-proposed'));
    const first = await step(providers.remote.staff, 'scope', terms);
    expect(first).toMatchObject({
      status: 200,
      body: { status: 'proposed', scopeAgreedAt: null, milestones: [{ milestone: 'kick-off', amount: 1500, dueOn: '2027-01-15', paidOn: null }, { milestone: 'completion', amount: 1500, paidOn: null }] },
    });
    expect(await step(coordinator, 'payments/kick-off', { amount: 1500, paidOn: '2027-01-10' })).toMatchObject(refused(409, 'payment.not-payable-yet'));
    expect(await step(providers.remote.staff, 'start')).toMatchObject(refused(409, 'engagement.scope-not-agreed'));
    expect(await step(providers.remote.staff, 'agree-scope', agreeTo(first.body.scopeProposedAt))).toMatchObject(refused(403, 'engagement.nonprofit-agrees-scope'));
    expect(await step(coordinator, 'agree-scope', agreeTo(first.body.scopeProposedAt))).toMatchObject(refused(403, 'engagement.nonprofit-agrees-scope'));
    expect(await step(nonprofit.staff, 'agree-scope', {})).toMatchObject({ status: 400, body: { errors: [{ field: 'proposedAt' }] } });
    // A new proposal replaces the one not agreed yet: agreeing to the one read before agrees to nothing.
    const agreed = { ...terms, kickOff: { amount: 1200, dueOn: '2027-01-20' } };
    const second = await step(providers.remote.staff, 'scope', agreed);
    expect(second).toMatchObject({ status: 200, body: { status: 'proposed', milestones: [{ milestone: 'kick-off', amount: 1200, dueOn: '2027-01-20' }, { milestone: 'completion' }] } });
    expect(await step(nonprofit.staff, 'agree-scope', agreeTo(first.body.scopeProposedAt))).toMatchObject(refused(409, 'engagement.scope-changed'));
    const scoped = await step(nonprofit.staff, 'agree-scope', agreeTo(second.body.scopeProposedAt));
    expect(scoped).toMatchObject({ status: 200, body: { status: 'scoped', scope: 'Migration vers Microsoft 365' } });
    expect(scoped.body.scopeAgreedAt).not.toBeNull();
    expect(await step(nonprofit.staff, 'agree-scope', agreeTo(second.body.scopeProposedAt))).toMatchObject(refused(409, 'engagement.wrong-status'));

    // Only the coordinator records payments; the kick-off one is payable once the scope is agreed.
    expect(await step(nonprofit.staff, 'payments/kick-off', { amount: 1200, paidOn: '2027-01-10' })).toMatchObject(refused(403, 'access.role-required'));
    expect(await step(providers.remote.staff, 'payments/kick-off', { amount: 1200, paidOn: '2027-01-10' })).toMatchObject(refused(403, 'access.role-required'));
    expect(await step(coordinator, 'payments/kick-off', { amount: 1200, paidOn: '2027-01-10' })).toMatchObject({ status: 200, body: { milestones: [{ milestone: 'kick-off', paidAmount: 1200, paidOn: '2027-01-10' }, {}] } });
    expect(await step(coordinator, 'payments/kick-off', { amount: 1200, paidOn: '2027-01-11' })).toMatchObject({ status: 409, body: { detail: 'milestone: the kick-off payment is already recorded' } });
    expect(await step(coordinator, 'payments/completion', { amount: 1500, paidOn: '2027-01-11' })).toMatchObject({ status: 409, body: { code: 'payment.not-payable-yet', errors: [{ code: 'payment.not-payable-yet', field: 'milestone' }] } });
    expect(await step(nonprofit.staff, 'ratings', { score: 5 })).toMatchObject({ status: 409, body: { detail: 'score: the engagement is scoped; it is rated once completed' } });

    // Only the provider starts and delivers its work.
    expect(await step(nonprofit.staff, 'start')).toMatchObject(refused(403, 'engagement.provider-does-the-work'));
    expect(await step(coordinator, 'start')).toMatchObject(refused(403, 'engagement.provider-does-the-work'));
    expect(await step(providers.remote.staff, 'start')).toMatchObject({ status: 200, body: { status: 'active' } });
    expect(await step(nonprofit.staff, 'complete')).toMatchObject(refused(403, 'engagement.provider-does-the-work'));
    expect(await step(nonprofit.staff, 'confirm-completion')).toMatchObject(refused(409, 'engagement.not-delivered'));
    const delivered = await step(providers.remote.staff, 'complete');
    expect(delivered).toMatchObject({ status: 200, body: { status: 'delivered', endedAt: null } });
    expect(delivered.body.deliveredAt).not.toBeNull();

    // The nonprofit confirms: until then the need stays open, no rating and no completion payment.
    expect(await step(providers.remote.staff, 'confirm-completion')).toMatchObject(refused(403, 'engagement.nonprofit-confirms-completion'));
    expect(await step(coordinator, 'confirm-completion')).toMatchObject(refused(403, 'engagement.nonprofit-confirms-completion'));
    expect(await step(providers.remote.staff, 'ratings', { score: 4 })).toMatchObject(refused(409, 'rating.not-completed'));
    expect(await step(coordinator, 'payments/completion', { amount: 1500, paidOn: '2027-05-02' })).toMatchObject(refused(409, 'payment.not-payable-yet'));
    expect((await api(nonprofit.staff, 'GET', `/needs?organizationId=${nonprofit.id}`)).body).toMatchObject([{ id: nonprofit.needId, status: 'open' }]);
    expect(await step(nonprofit.staff, 'confirm-completion')).toMatchObject({ status: 200, body: { status: 'completed' } });
    expect(await step(coordinator, 'payments/completion', { amount: 1500, paidOn: '2027-05-02' })).toMatchObject({ status: 200 });
    expect(await step(nonprofit.staff, 'ratings', { score: 5, comment: 'Très utile' })).toMatchObject({ status: 201, body: { ratings: [{ side: 'nonprofit', score: 5 }] } });
    expect(await step(nonprofit.staff, 'ratings', { score: 4 })).toMatchObject({ status: 409 });
    expect(await step(providers.remote.staff, 'ratings', { score: 6 })).toMatchObject({ status: 400, body: { errors: [{ field: 'score' }] } });
    expect(await step(providers.remote.staff, 'ratings', { score: 4 })).toMatchObject({ status: 201, body: { ratings: [{ side: 'nonprofit' }, { side: 'provider', score: 4 }] } });
    expect((await api(nonprofit.staff, 'GET', `/needs?organizationId=${nonprofit.id}`)).body).toMatchObject([{ id: nonprofit.needId, status: 'closed' }]);

    const events = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).filter((e) => e.subject === `engagement/${id}`);
      expect(found).toHaveLength(12);
      return found;
    });
    expect(events.map((e) => e.type.replace('ccndr.provider-matching.engagement.', ''))).toEqual([
      'requested.v1', 'accepted.v1', 'scope-proposed.v1', 'scope-proposed.v1', 'scoped.v1', 'milestone-paid.v1', 'started.v1', 'delivered.v1', 'completed.v1', 'milestone-paid.v1', 'rated.v1', 'rated.v1',
    ]);
    // The agreement carries the terms agreed: those of the last proposal.
    expect(events[4].data.milestones).toEqual([{ milestone: 'kick-off', amount: 1200, dueOn: '2027-01-20' }, { milestone: 'completion', amount: 1500, dueOn: '2027-04-30' }]);
    expect(events.map((e) => parseEvent(e)).filter((r) => !r.ok)).toEqual([]);
    expect(JSON.stringify(events)).not.toMatch(/Microsoft|Très utile/);

    // Evaluation counts both organisations active once (from the acceptance), whatever the later steps.
    await expectEventually(async () => {
      expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.youth-employment-nonprofit')).toMatchObject({ value: 1 });
      expect(await indicator(system, consortiumId, coordinator, 'o1.active-organizations.service-provider')).toMatchObject({ value: 1 });
    });
  });

  it('ranks a provider with no open slot after those that have one', async () => {
    const first = await nonprofitWithNeed('BYTE', 'digital-tools');
    const { body: engagement } = await api(first.staff, 'POST', '/engagements', { needId: first.needId, providerId: providers.remote.id });
    expect(await api(providers.remote.staff, 'POST', `/engagements/${engagement.id}/accept`)).toMatchObject({ status: 200 });

    const next = await nonprofitWithNeed('Volunteer Alberta');
    const suggestions = (await api(next.staff, 'GET', `/needs/${next.needId}/suggestions`)).body;
    expect(suggestions.map((s: any) => [s.providerId, s.full])).toEqual([
      [providers.local.id, false],
      [providers.remote.id, true],
    ]);
    expect(suggestions[1].factors.find((f: any) => f.key === 'capacity')).toMatchObject({ points: 0, explanation: { fr: 'Aucune place libre' } });

    // The provider cannot accept beyond its capacity either.
    const { body: second } = await api(next.staff, 'POST', '/engagements', { needId: next.needId, providerId: providers.remote.id });
    expect(await api(providers.remote.staff, 'POST', `/engagements/${second.id}/accept`)).toMatchObject({ status: 409, body: { code: 'provider.no-capacity', errors: [{ code: 'provider.no-capacity', field: 'capacity' }] } });

    // Cancelling frees the slot; a cancelled engagement takes no payment.
    expect(await api(first.staff, 'POST', `/engagements/${engagement.id}/cancel`, { reason: 'no-staff-time' })).toMatchObject({ status: 200, body: { status: 'cancelled', cancelReason: 'no-staff-time' } });
    expect(await api(coordinator, 'POST', `/engagements/${engagement.id}/payments/kick-off`, { amount: 100, paidOn: '2027-01-10' })).toMatchObject({
      status: 409,
      body: { detail: 'milestone: the engagement is cancelled; the kick-off payment is recorded once it is scoped or active or delivered or completed' },
    });
    expect(await api(providers.remote.staff, 'POST', `/engagements/${second.id}/accept`)).toMatchObject({ status: 200 });
    const cancelled = await expectEventually(async () => {
      const found = (await system.bus.publishedEvents()).find((e) => e.type === 'ccndr.provider-matching.engagement.cancelled.v1');
      expect(found).toBeDefined();
      return found!;
    });
    expect(cancelled.data).toMatchObject({ engagementId: engagement.id, reason: 'no-staff-time', cancelledBy: 'nonprofit' });
  });

  it('limits unanswered requests per nonprofit, then reminds and expires them on schedule', async () => {
    const nonprofit = await nonprofitWithNeed('S-Can');
    const { body: pending } = await api(nonprofit.staff, 'POST', '/engagements', { needId: nonprofit.needId, providerId: providers.local.id });
    expect(pending.status).toBe('requested');
    const over = await api(nonprofit.staff, 'POST', '/engagements', { needId: nonprofit.needId, providerId: providers.remote.id });
    expect(over).toMatchObject({ status: 409, body: { code: 'engagement.too-many-pending', errors: [{ code: 'engagement.too-many-pending', field: 'providerId' }], detail: expect.stringContaining('already has 1 unanswered requests (the limit is 1)') } });
    expect(await system.sql(`SELECT count(*)::int AS n FROM provider_matching.engagements WHERE nonprofit_id = $1`, [nonprofit.id])).toEqual([{ n: 1 }]);

    // Time passes: the promised response time runs out, then twice that.
    await system.sql(`UPDATE provider_matching.engagements SET respond_by = now() - interval '1 minute' WHERE id = $1`, [pending.id]);
    const reminded = await expectEventually(async () => {
      const { body } = await api(nonprofit.staff, 'GET', `/engagements/${pending.id}`);
      expect(body.remindedAt).not.toBeNull();
      return body;
    });
    expect(reminded.status).toBe('requested');
    await system.sql(`UPDATE provider_matching.engagements SET expires_at = now() - interval '1 minute' WHERE id = $1`, [pending.id]);
    await expectEventually(async () => expect((await api(nonprofit.staff, 'GET', `/engagements/${pending.id}`)).body.status).toBe('expired'));
    expect(await engagementEvents(pending.id)).toEqual(['requested.v1', 'response-overdue.v1', 'expired.v1']);
    expect(await api(providers.local.staff, 'POST', `/engagements/${pending.id}/accept`)).toMatchObject({ status: 409, body: { code: 'engagement.wrong-status', errors: [{ code: 'engagement.wrong-status', field: 'status' }] } });

    // The slot is free again, and the expiry counts in the provider's response record.
    expect(await api(nonprofit.staff, 'POST', '/engagements', { needId: nonprofit.needId, providerId: providers.remote.id })).toMatchObject({ status: 201 });
    const neighbour = await nonprofitWithNeed('Y4Y Quebec');
    const ranked = (await api(neighbour.staff, 'GET', `/needs/${neighbour.needId}/suggestions`)).body;
    expect(ranked.find((s: any) => s.providerId === providers.local.id).factors.find((f: any) => f.key === 'response-record')).toMatchObject({
      explanation: { en: 'Answered 0 of 1 request within the promised time', fr: 'A répondu dans le délai promis à 0 demande sur 1' },
    });
  });
  it('refreshes the suggestions of the live needs a provider now fits when it publishes or changes its offerings', async () => {
    const nonprofit = await nonprofitWithNeed('Pathways to Education', 'data-governance');
    expect((await api(nonprofit.staff, 'GET', `/needs/${nonprofit.needId}/suggestions`)).body).toEqual([]);

    const id = await joinOrganization(system, consortiumId, coordinator, 'Data Commons', 'service-provider', 'QC');
    await joinMember(system, consortiumId, coordinator, id, 'Data Commons staff', 'provider-staff', 'idp|data-commons');
    const provider = { id, staff: await consortiumToken({ [consortiumId]: ['provider'] }, 'idp|data-commons') };
    const profile = { languages: ['fr'], remote: true, provincesServed: [], capacity: 2, responseTimeDays: 3 };
    await publishProfile(provider, { ...profile, offerings: [{ title: 'Gouvernance des données', dimensions: ['data-governance'], stages: [1, 2] }] });
    await expectEventually(async () => {
      const suggestions = (await api(nonprofit.staff, 'GET', `/needs/${nonprofit.needId}/suggestions`)).body;
      expect(suggestions.map((s: any) => [s.providerId, s.rank])).toEqual([[provider.id, 1]]);
    });
    await expectEventually(async () => {
      const announced = (await system.bus.publishedEvents()).filter((e) => e.type === 'ccndr.provider-matching.match.suggested.v1' && e.data.needId === nonprofit.needId);
      expect(announced.map((e) => e.data.suggestions.map((s: any) => s.providerId))).toEqual([[], [provider.id]]);
    });

    // It stops offering the dimension: the need's list no longer names it.
    await publishProfile(provider, { ...profile, offerings: [{ title: 'Culture numérique', dimensions: ['culture'], stages: [1] }] });
    await expectEventually(async () => expect((await api(nonprofit.staff, 'GET', `/needs/${nonprofit.needId}/suggestions`)).body).toEqual([]));
  });
});
