import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signDevelopmentToken } from '@ccndr/auth';
import { provincesAndTerritories } from '@ccndr/contracts';

interface Facts {
  organizations: Record<string, string[]>;
  results: { 'consortium-meetings': { n: number; date: string; participants: number }[] };
}

const demoName = { fr: 'Consortium R-D : préparation numérique des OBNL en employabilité des jeunes', en: 'R&D consortium: digital readiness of youth-employment nonprofits' };

/**
 * Seeds the demo consortium from the programme report's facts (organisations by category, the three
 * consortium meetings and their attendance) through the public API, once.
 */
export async function seedDemoConsortium(communityUrl: string, secret: string, factsFile: string): Promise<string> {
  const admin = await signDevelopmentToken(secret, { subject: 'demo-admin', platformRoles: ['platform-admin'] });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${communityUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: any = await response.json();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  const existing = (await call('GET', '/consortia')).find((c: { nameFr: string }) => c.nameFr === demoName.fr);
  if (existing) return existing.id;

  const facts: Facts = JSON.parse(readFileSync(factsFile, 'utf8'));
  const consortium = await call('POST', '/consortia', { name: demoName, defaultLanguage: 'fr' });
  const base = `/consortia/${consortium.id}`;
  const roleFor: Record<string, string> = {
    'youth-employment-nonprofit': 'nonprofit-staff',
    'service-provider': 'provider-staff',
    'technical-advisor': 'technical-advisor',
    'sector-advisor': 'sector-advisor',
    'other-member': 'observer',
  };
  const memberIds: string[] = [];
  let index = 0;
  for (const [category, names] of Object.entries(facts.organizations)) {
    for (const name of names) {
      const organization = await call('POST', `${base}/organizations`, {
        name,
        category,
        provinceOrTerritory: provincesAndTerritories[index % provincesAndTerritories.length],
        country: 'CA',
        preferredLanguage: index % 3 === 0 ? 'en' : 'fr',
      });
      const member = await call('POST', `${base}/members`, { organizationId: organization.id, displayName: `${roleFor[category]} ${++index}`, role: roleFor[category] });
      memberIds.push(member.id);
    }
  }
  for (const meeting of facts.results['consortium-meetings']) {
    const startsAt = new Date(`${meeting.date.length === 7 ? `${meeting.date}-15` : meeting.date}T17:00:00Z`).toISOString();
    const gathering = await call('POST', `${base}/gatherings`, { kind: 'consortium-meeting', title: `Rencontre du consortium n° ${meeting.n}`, startsAt, alreadyHeld: true });
    const attendees = memberIds.slice(0, Math.min(meeting.participants, memberIds.length));
    await call('POST', `${base}/gatherings/${gathering.id}/attendance`, { memberIds: attendees });
  }
  return consortium.id;
}

/** The programme report's facts, in structured form (people as roles, not names). */
export const demoFactsFile = join(__dirname, 'demo', 'consortium-facts.json');
