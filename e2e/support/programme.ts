import { adminToken, consortiumToken, TestSystem } from '@ccndr/testing';

/** A consortium built through the public API, as a coordinator would. */
export interface Programme {
  consortiumId: string;
  coordinator: string;
  organizations: Record<string, string>;
  members: string[];
}

export async function createConsortium(system: TestSystem, name = 'Consortium emploi des jeunes'): Promise<{ consortiumId: string; coordinator: string }> {
  const created = await system.call('community', 'POST', '/consortia', {
    token: await adminToken(),
    body: { name: { fr: name, en: `${name} (EN)` }, defaultLanguage: 'fr' },
  });
  if (created.status !== 201) throw new Error(`consortium not created: ${created.status} ${JSON.stringify(created.body)}`);
  const consortiumId = created.body.id;
  return { consortiumId, coordinator: await consortiumToken({ [consortiumId]: ['coordinator'] }) };
}

export async function joinOrganization(system: TestSystem, consortiumId: string, token: string, name: string, category: string, provinceOrTerritory = 'QC'): Promise<string> {
  const response = await system.call('community', 'POST', `/consortia/${consortiumId}/organizations`, {
    token,
    body: { name, category, provinceOrTerritory, country: 'CA', preferredLanguage: 'fr' },
  });
  if (response.status !== 201) throw new Error(`organization not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export async function joinMember(system: TestSystem, consortiumId: string, token: string, organizationId: string, displayName: string, role = 'nonprofit-staff', subject?: string): Promise<string> {
  const response = await system.call('community', 'POST', `/consortia/${consortiumId}/members`, {
    token,
    body: { organizationId, displayName, role, ...(subject ? { subject } : {}) },
  });
  if (response.status !== 201) throw new Error(`member not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

export async function scheduleGathering(system: TestSystem, consortiumId: string, token: string, kind = 'consortium-meeting', title = 'Rencontre mensuelle des membres'): Promise<string> {
  const response = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings`, {
    token,
    body: { kind, title, startsAt: '2026-03-10T17:00:00.000Z', alreadyHeld: true },
  });
  if (response.status !== 201) throw new Error(`gathering not scheduled: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** A consortium with a nonprofit and a provider, `people` members spread over them, and one meeting. */
export async function buildProgramme(system: TestSystem, people = 4): Promise<Programme & { meetingId: string }> {
  const { consortiumId, coordinator } = await createConsortium(system);
  const nonprofit = await joinOrganization(system, consortiumId, coordinator, 'Carrefour jeunesse-emploi Montréal', 'youth-employment-nonprofit');
  const provider = await joinOrganization(system, consortiumId, coordinator, 'Data for Good', 'service-provider', 'ON');
  const members: string[] = [];
  for (let i = 0; i < people; i++) {
    members.push(await joinMember(system, consortiumId, coordinator, i % 2 === 0 ? nonprofit : provider, `Person ${i}`, i % 2 === 0 ? 'nonprofit-staff' : 'provider-staff'));
  }
  const meetingId = await scheduleGathering(system, consortiumId, coordinator);
  return { consortiumId, coordinator, organizations: { nonprofit, provider }, members, meetingId };
}

export async function indicator(system: TestSystem, consortiumId: string, token: string, key: string): Promise<{ value: number | null; target: { comparison: string; value: number; max?: number } | null; status: string; breakdown: any; updatedAt: string }> {
  const response = await system.call('evaluation', 'GET', `/consortia/${consortiumId}/indicators`, { token });
  if (response.status !== 200) throw new Error(`indicators: ${response.status} ${JSON.stringify(response.body)}`);
  const found = response.body.find((i: { key: string }) => i.key === key);
  if (!found) throw new Error(`indicator ${key} not there yet`);
  return found;
}
