import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevelopmentToken } from '@ccndr/auth';
import { provincesAndTerritories } from '@ccndr/contracts';

interface Facts {
  organizations: Record<string, string[]>;
  results: {
    'consortium-meetings': { n: number; date: string; participants: number }[];
    'prototype-working-groups': { prototype: 1 | 2 | 3; name: string; 'active-members': number }[];
    'o3.models-proposed': number;
    partnerships: { with: string; status: 'confirmed' | 'in-negotiation' }[];
  };
}

export interface DemoServices {
  community: string;
  assessments: string;
  providerMatching: string;
  evaluation: string;
}

const demoName = { fr: 'Consortium R-D : préparation numérique des OBNL en employabilité des jeunes', en: 'R&D consortium: digital readiness of youth-employment nonprofits' };
/** The organisation that convenes the consortium and enters its partnerships. */
const convener = 'CCNDR (organisme rassembleur / convening organisation)';

/**
 * Seeds the demo consortium from the programme report's facts through the public APIs, once: the
 * organisations by category, the three consortium meetings and their attendance, the next meeting
 * (whose invitations the embedded default's mail catcher shows), the three
 * prototype working groups with their active members, a collaboration model per prototype, the
 * partnerships (confirmed or in negotiation) the convening organisation entered (it and its partners
 * consent to be named in reports, so the demo report names them), and the service
 * providers' profiles, whose offerings cover every readiness dimension so that a nonprofit's first
 * needs get suggestions; and, as the coordinator writes it for the evaluation report, the
 * programme report's key learnings (`demo/key-learnings.json`, French original and English); and
 * the programme's first year closed as a period, its figures frozen.
 */
export async function seedDemoConsortium(services: DemoServices, secret: string, factsFile: string): Promise<string> {
  const admin = await signDevelopmentToken(secret, { subject: 'demo-admin', platformRoles: ['platform-admin'] });
  const call = async (baseUrl: string, method: string, path: string, body?: unknown, token = admin): Promise<any> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // Seeding writes faster than a person: when the write limit says so, wait as told and go on.
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
      return call(baseUrl, method, path, body, token);
    }
    const json: any = await response.json();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const community = (method: string, path: string, body?: unknown, token?: string) => call(services.community, method, path, body, token);
  /** Other services learn of the consortium and its organisations from events: retry until they have. */
  const retried = async <T>(attempt: () => Promise<T>): Promise<T> => {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (tries >= 120) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  const matching = (method: string, path: string, body?: unknown) => retried(() => call(services.providerMatching, method, path, body));

  const existing = (await community('GET', '/consortia')).find((c: { nameFr: string }) => c.nameFr === demoName.fr);
  if (existing) return existing.id;

  const facts: Facts = JSON.parse(readFileSync(factsFile, 'utf8'));
  const consortium = await community('POST', '/consortia', { name: demoName, defaultLanguage: 'fr' });
  const base = `/consortia/${consortium.id}`;
  const roleFor: Record<string, string> = {
    'youth-employment-nonprofit': 'nonprofit-staff',
    'service-provider': 'provider-staff',
    'technical-advisor': 'technical-advisor',
    'sector-advisor': 'sector-advisor',
    'other-member': 'observer',
  };
  // Partners the report names that are not among the members join as other members, with the convener.
  const names = Object.values(facts.organizations).flat();
  const others = [...facts.organizations['other-member'], convener, ...facts.results.partnerships.map((p) => p.with).filter((name) => !names.includes(name))];
  const organizations = { ...facts.organizations, 'other-member': others };
  // The programme report names the partner organisations: the convener and its partners consented to be named in reports.
  const partners = new Set([convener, ...facts.results.partnerships.map((p) => p.with)]);

  const organizationIds = new Map<string, string>();
  const members: { id: string; subject: string }[] = [];
  let index = 0;
  for (const [category, list] of Object.entries(organizations)) {
    for (const name of list) {
      const organization = await community('POST', `${base}/organizations`, {
        name,
        category,
        provinceOrTerritory: provincesAndTerritories[index % provincesAndTerritories.length],
        country: 'CA',
        preferredLanguage: index % 3 === 0 ? 'en' : 'fr',
        nameInReports: partners.has(name),
      });
      organizationIds.set(name, organization.id);
      const subject = `demo-member-${++index}`;
      // An address at example.org (reserved: it reaches nobody), so the demo's invitations show in the mail catcher.
      const member = await community('POST', `${base}/members`, {
        organizationId: organization.id,
        displayName: `${roleFor[category]} ${index}`,
        role: roleFor[category],
        subject,
        email: `${subject}@example.org`,
      });
      members.push({ id: member.id, subject });
    }
  }
  for (const meeting of facts.results['consortium-meetings']) {
    const startsAt = new Date(`${meeting.date.length === 7 ? `${meeting.date}-15` : meeting.date}T17:00:00Z`).toISOString();
    const gathering = await community('POST', `${base}/gatherings`, { kind: 'consortium-meeting', title: `Rencontre du consortium n° ${meeting.n}`, startsAt, alreadyHeld: true });
    const attendees = members.slice(0, Math.min(meeting.participants, members.length)).map((m) => m.id);
    await community('POST', `${base}/gatherings/${gathering.id}/attendance`, { memberIds: attendees });
  }

  // The next meeting, a fortnight ahead: its invitations (with a calendar entry) go to every member.
  const next = new Date(Date.now() + 14 * 86_400_000);
  next.setUTCHours(17, 0, 0, 0);
  await community('POST', `${base}/gatherings`, {
    kind: 'consortium-meeting',
    title: `Rencontre du consortium n° ${facts.results['consortium-meetings'].length + 1}`,
    startsAt: next.toISOString(),
    capacity: 60,
    link: 'https://meet.example.org/consortium',
  });

  // The prototype working groups, each with its active members (taken in turn), and one model each.
  let taken = 0;
  for (const group of facts.results['prototype-working-groups'].slice(0, facts.results['o3.models-proposed'])) {
    const circle = await community('POST', `${base}/circles`, { name: `Prototype ${group.prototype} : ${group.name}`, prototype: group.prototype });
    const active = members.slice(taken, taken + group['active-members']);
    taken += group['active-members'];
    for (const member of active) await community('POST', `${base}/circles/${circle.id}/members`, { memberId: member.id });
    const proposer = await signDevelopmentToken(secret, { subject: active[0].subject, consortia: { [consortium.id]: ['member'] } });
    await community('POST', `${base}/collaboration-models`, { circleId: circle.id, title: group.name, description: `Modèle de collaboration du prototype ${group.prototype}` }, proposer);
  }

  // Each provider offers two dimensions of the framework in effect, in turn: every dimension has
  // providers, for the early stages or the later ones, and some work in both languages.
  const framework: { dimensions: { key: string; name: { fr: string; en: string } }[] } = await retried(() => call(services.assessments, 'GET', `${base}/framework`));
  const dimensions = framework.dimensions;
  for (const [i, name] of facts.organizations['service-provider'].entries()) {
    const offered = [dimensions[i % dimensions.length], dimensions[(i + 3) % dimensions.length]];
    const english = i % 3 === 0;
    await matching('PUT', `${base}/providers/${organizationIds.get(name)}`, {
      offerings: offered.map((d, j) => ({ title: english ? `Support: ${d.name.en}` : `Accompagnement : ${d.name.fr}`, dimensions: [d.key], stages: (i + j) % 2 ? [3, 4, 5] : [1, 2, 3] })),
      languages: english ? ['en'] : i % 3 === 1 ? ['fr'] : ['fr', 'en'],
      provincesServed: [],
      remote: true,
      costModel: { kind: i % 2 ? 'subsidised' : 'free', feeRange: i % 2 ? { min: 500, max: 5000 } : null },
      capacity: 3,
      responseTimeDays: 5 + (i % 3) * 2,
    });
  }

  for (const partnership of facts.results.partnerships) {
    const created = await matching('POST', `${base}/partnerships`, { organizationIds: [organizationIds.get(convener), organizationIds.get(partnership.with)], title: partnership.with });
    await matching('POST', `${base}/partnerships/${created.id}/${partnership.status === 'confirmed' ? 'confirm' : 'negotiate'}`);
  }

  // Evaluation keeps it once it has learned of the consortium from community's event.
  const learnings: { fr: string; en: string } = JSON.parse(readFileSync(join(__dirname, 'demo', 'key-learnings.json'), 'utf8'));
  const coordinator = await signDevelopmentToken(secret, { subject: 'demo-coordinator', consortia: { [consortium.id]: ['coordinator'] } });
  await retried(() => call(services.evaluation, 'PUT', `${base}/narratives/learnings`, { fr: learnings.fr, en: learnings.en }, coordinator));

  // The programme's first year closed (from the first meeting's month, twelve months), so that a
  // frozen snapshot can be seen on day one. Evaluation learns of the meetings from events: the
  // period is closed once its figures count every meeting of the year.
  const year = firstProgrammeYear(facts.results['consortium-meetings'][0].date);
  const expected = facts.results['consortium-meetings']
    .filter((m) => m.date >= year.from.slice(0, m.date.length) && m.date < year.to.slice(0, m.date.length))
    .reduce((sum, m) => sum + Math.min(m.participants, members.length), 0);
  await retried(async () => {
    const { indicators } = await call(services.evaluation, 'GET', `${base}/indicators?from=${year.from}&to=${year.to}`, undefined, coordinator);
    const participants = indicators.find((i: { key: string }) => i.key === 'o1.meeting-participants')?.value;
    if (participants !== expected) throw new Error(`the first year's meetings are not all counted yet (${participants} of ${expected} participants)`);
  });
  await call(services.evaluation, 'POST', `${base}/periods`, year, coordinator);
  return consortium.id;
}

/** The programme's first year: from the first day of the first meeting's month, twelve months (days in UTC, the end excluded). */
export function firstProgrammeYear(firstMeeting: string): { from: string; to: string } {
  const [year, month] = firstMeeting.split('-');
  return { from: `${year}-${month}-01`, to: `${Number(year) + 1}-${month}-01` };
}

/** The programme report's facts, in structured form (people as roles, not names). */
export const demoFactsFile = join(__dirname, 'demo', 'consortium-facts.json');
