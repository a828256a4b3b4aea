import { JetStreamContext } from '@ccndr/messaging';
import { organizationActivities, organizationActivity, organizations } from './facts.sql';

/*
 * Facts several kinds of event record. Like every fact of evaluation, they are batch writes: one
 * statement per batch of events, merged by natural key so that arrival order does not matter.
 */

/** Records (or corrects) an organisation. */
export function recordOrganization(ctx: JetStreamContext, consortiumId: string, organization: { organizationId: string; category: string; provinceOrTerritory: string | null; country: string; name?: string }, at: string): void {
  const { organizationId, category, provinceOrTerritory, country } = organization;
  ctx.write(organizations, { consortiumId, organizationId, category, provinceOrTerritory, country, name: organization.name ?? null, at });
}

/** Marks organisations as having taken part in an activity. */
export function recordActivity(ctx: JetStreamContext, consortiumId: string, organizationIds: string[], at: string): void {
  const rows = [...new Set(organizationIds)].map((organizationId) => ({ consortiumId, organizationId, at }));
  ctx.write(organizationActivity, ...rows);
  ctx.write(organizationActivities, ...rows);
}
