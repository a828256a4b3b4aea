import { randomUUID } from 'node:crypto';
import {
  GatheringAttendanceRecordedV1,
  GatheringScheduledV1,
  OrganizationJoinedV1,
  PartnershipCollaborationRecordedV1,
  PartnershipConfirmedV1,
  PartnershipNegotiationStartedV1,
  PartnershipProposedV1,
} from '@ccndr/contracts';
import { dashboardFragment } from '../src/dashboard/dashboard-page';
import { reportDocument } from '../src/report/report-document';
import { reportHtml } from '../src/report/report-render';
import { projectionSpec } from './projection-harness';

/** The rows of the data table of the chart figure `id`, header row first. */
function chartTable(page: string, id: string): string[][] {
  const start = page.indexOf(`<figure class="chart" id="${id}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const figure = page.slice(start, page.indexOf('</figure>', start));
  expect(figure).toMatch(new RegExp(`<svg[^>]* role="img"[^>]* aria-labelledby="${id}-title ${id}-desc"`));
  const table = figure.slice(figure.indexOf('<table>'), figure.indexOf('</table>'));
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]));
}

/** The dashboard and the report show the same charts, made from the live indicators by @ccndr/charts. */
describe('evaluation charts in the dashboard and the report', () => {
  const projection = projectionSpec();

  beforeEach(async () => {
    const nonprofit = projection.event(OrganizationJoinedV1, { organizationId: randomUUID(), category: 'youth-employment-nonprofit' });
    const first = projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'consortium-meeting', startsAt: '2026-03-10T14:00:00.000Z' });
    const second = projection.event(GatheringScheduledV1, { gatheringId: randomUUID(), kind: 'consortium-meeting', startsAt: '2026-06-02T14:00:00.000Z' });
    await projection.apply(nonprofit, first, second);
    const attendees = (n: number) => Array.from({ length: n }, () => ({ memberId: randomUUID(), organizationId: nonprofit.data.organizationId }));
    const [proposed, negotiating, confirmed, collaborating] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await projection.apply(
      projection.event(GatheringAttendanceRecordedV1, { gatheringId: first.data.gatheringId, gatheringKind: 'consortium-meeting', attendees: attendees(3) }),
      projection.event(GatheringAttendanceRecordedV1, { gatheringId: second.data.gatheringId, gatheringKind: 'consortium-meeting', attendees: attendees(2) }),
      projection.event(PartnershipProposedV1, { partnershipId: proposed }),
      projection.event(PartnershipNegotiationStartedV1, { partnershipId: negotiating }),
      projection.event(PartnershipConfirmedV1, { partnershipId: confirmed }),
      projection.event(PartnershipConfirmedV1, { partnershipId: collaborating }),
      projection.event(PartnershipCollaborationRecordedV1, { partnershipId: collaborating, recordId: randomUUID(), kind: 'joint-initiative', occurredOn: '2026-04-01' }),
    );
  });

  it('the dashboard’s fragment shows organisations per category against targets, participants per meeting and the partnership funnel, each with its data (FR and EN)', async () => {
    const indicators = [...(await projection.indicators()).values()];
    const french = dashboardFragment(indicators, 'fr');
    expect(chartTable(french, 'dashboard-categories')).toContainEqual(['Organismes à but non lucratif d’emploi jeunesse', '1', '10']);
    expect(chartTable(french, 'dashboard-meetings')).toEqual([
      ['Rencontre', 'Participant·e·s'],
      ['10 mars 2026', '3'],
      ['2 juin 2026', '2'],
    ]);
    expect(chartTable(french, 'dashboard-funnel')).toEqual([
      ['Étape', 'Partenariats'],
      ['Proposés', '1'],
      ['En négociation', '1'],
      ['Confirmés', '2'],
      ['En collaboration', '1'],
    ]);
    expect(french).toContain('<summary>Voir les données</summary>');
    const english = dashboardFragment(indicators, 'en');
    expect(chartTable(english, 'dashboard-funnel')[4]).toEqual(['Collaborating', '1']);
    expect(chartTable(english, 'dashboard-meetings')[1]).toEqual(['Mar 10, 2026', '3']);
    expect(english).toContain('<summary>Show the data</summary>');
    // The cards stay: each indicator with its value.
    expect(french).toMatch(/data-key="o1.meeting-participants"[^]*?<div class="value" data-role="value">5<\/div>/);
  });

  it('the report shows the same charts under their outcomes, with their data tables', async () => {
    const indicators = [...(await projection.indicators()).values()];
    const page = reportHtml(reportDocument(projection.consortiumId, indicators, 'fr', new Date('2026-07-01T12:00:00Z')));
    expect(chartTable(page, 'report-meetings').slice(1)).toEqual([
      ['10 mars 2026', '3'],
      ['2 juin 2026', '2'],
    ]);
    expect(chartTable(page, 'report-funnel')[3]).toEqual(['Confirmés', '2']);
    expect(chartTable(page, 'report-categories')[0]).toEqual(['Catégorie', 'Organismes actifs', 'Cible']);
    // Under their outcomes: categories and meetings in the first, the funnel in the fourth.
    const outcome = (n: number) => page.indexOf(`<h2>${n}`);
    expect(page.indexOf('id="report-meetings"')).toBeGreaterThan(outcome(1));
    expect(page.indexOf('id="report-meetings"')).toBeLessThan(outcome(2));
    expect(page.indexOf('id="report-funnel"')).toBeGreaterThan(outcome(4));
  });
});
