import { adminToken, consortiumToken, TestSystem } from '@ccndr/testing';

/** A consortium built through community's API for the benchmarks that send commands. */
export interface Programme {
  consortiumId: string;
  coordinator: string;
  observer: string;
  members: string[];
  gatherings: string[];
}

/**
 * A consortium with 300 members of one organisation and `gatheringsCount` meetings already held:
 * room for 300 × `gatheringsCount` distinct attendances. Returns once evaluation has taken it in.
 */
export async function buildProgramme(system: TestSystem, gatheringsCount: number): Promise<Programme> {
  const must = async (method: string, path: string, token: string, body: unknown) => {
    const response = await system.call('community', method, path, { token, body });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const consortium = await must('POST', '/consortia', await adminToken(), { name: { fr: 'Banc d’essai', en: 'Benchmark' }, defaultLanguage: 'fr' });
  const consortiumId: string = consortium.id;
  const coordinator = await consortiumToken({ [consortiumId]: ['coordinator'] });
  const organization = await must('POST', `/consortia/${consortiumId}/organizations`, coordinator, {
    name: 'Carrefour jeunesse-emploi', category: 'youth-employment-nonprofit', provinceOrTerritory: 'QC', country: 'CA', preferredLanguage: 'fr',
  });
  const members: string[] = [];
  for (let i = 0; i < 300; i++) members.push((await must('POST', `/consortia/${consortiumId}/members`, coordinator, { organizationId: organization.id, displayName: `Person ${i}`, role: 'nonprofit-staff' })).id);
  const gatherings: string[] = [];
  for (let i = 0; i < gatheringsCount; i++) {
    gatherings.push((await must('POST', `/consortia/${consortiumId}/gatherings`, coordinator, { kind: 'consortium-meeting', title: `Rencontre ${i}`, startsAt: '2026-03-10T17:00:00.000Z', alreadyHeld: true })).id);
  }
  await system.settled(120_000);
  return { consortiumId, coordinator, observer: await consortiumToken({ [consortiumId]: ['observer'] }), members, gatherings };
}

/**
 * The n-th distinct attendance of the programme: consecutive ones go to different gatherings, as
 * attendance at one gathering is recorded one command at a time (its representation snapshot must
 * see every attendee). Past the last pair it starts again (an attendance already recorded).
 */
export function attendance(programme: Programme, n: number): { gatheringId: string; memberId: string } {
  const pair = n % (programme.gatherings.length * programme.members.length);
  return { gatheringId: programme.gatherings[pair % programme.gatherings.length], memberId: programme.members[Math.floor(pair / programme.gatherings.length)] };
}
