import { z } from 'zod';
import { actsForOthers, Limited, Principal } from '@ccndr/auth';
import { OrganizationAccess } from '@ccndr/community-directory';
import { calendarDate, officialLanguage, readinessDimensionKey } from '@ccndr/contracts';
import { Caller, ConsortiumRoutes, IdParam, Route, schemaMessage, ValidBody, ValidQuery } from '@ccndr/service-kit';
import { MatchingService } from '../matching/matching.service';
import { NeedsService } from './needs.service';

const details = z
  .strictObject({
    description: z.string().trim().min(1).max(5000),
    language: officialLanguage,
    budgetMax: z.number().min(0).nullable().default(null),
    startsOn: calendarDate.nullable().default(null),
    endsOn: calendarDate.nullable().default(null),
    /** The staff time the nonprofit sets aside: engagements fail without it. */
    staffHoursPerWeek: z.number().min(0.5).max(80),
  });
const datesInOrder = (n: { startsOn: string | null; endsOn: string | null }) => !n.startsOn || !n.endsOn || n.startsOn <= n.endsOn;

const endsOnAfterStartsOn = { ...schemaMessage('field.end-before-start', 'must not come before startsOn', 'ne doit pas précéder startsOn'), path: ['endsOn'] };
export const confirmNeedBody = details.refine(datesInOrder, endsOnAfterStartsOn);
export const postNeedBody = details.extend({ organizationId: z.uuid(), dimension: readinessDimensionKey }).refine(datesInOrder, endsOnAfterStartsOn);
export const needsQuery = z.strictObject({ organizationId: z.uuid().optional(), status: z.enum(['draft', 'open', 'closed']).optional() });

@ConsortiumRoutes('needs', 'needs')
export class NeedsController {
  constructor(
    private readonly needs: NeedsService,
    private readonly matching: MatchingService,
    private readonly access: OrganizationAccess,
  ) {}

  @Route('POST', { summary: 'Post a need of my organization / Publier un besoin de mon organisation', roles: ['coordinator', 'member'] })
  async post(@Caller() { consortiumId, principal }: Caller, @ValidBody(postNeedBody) body: z.infer<typeof postNeedBody>) {
    await this.actFor(consortiumId, body.organizationId, principal);
    const { organizationId, ...need } = body;
    return this.needs.post(consortiumId, organizationId, need);
  }

  @Route('GET', { summary: 'Needs I may see, drafts derived from readiness gaps included / Besoins visibles, y compris les ébauches', description: 'Coordinators see every need; anyone else the needs of their own organisation and, for a provider, the needs it was asked about or suggested for. Other needs are left out. / La coordination voit tous les besoins\u00a0; les autres, ceux de leur organisme et, pour un fournisseur, ceux pour lesquels il a été sollicité ou suggéré.' })
  list(@Caller() { consortiumId, principal }: Caller, @ValidQuery(needsQuery) query: z.infer<typeof needsQuery>) {
    return this.needs.list(consortiumId, principal, query);
  }

  @Route('POST', ':needId/confirm', { summary: 'Confirm a draft need derived from readiness gaps / Confirmer une ébauche de besoin', roles: ['coordinator', 'member'], status: 200 })
  async confirm(@Caller() { consortiumId, principal }: Caller, @IdParam('needId') needId: string, @ValidBody(confirmNeedBody) body: z.infer<typeof confirmNeedBody>) {
    const need = await this.needs.visible(consortiumId, needId, principal);
    await this.actFor(consortiumId, need.organizationId, principal);
    return this.needs.confirm(consortiumId, need.organizationId, needId, body);
  }

  @Route('GET', ':needId/suggestions', { summary: 'Ranked providers for a need, each factor explained / Fournisseurs suggérés pour un besoin, chaque facteur expliqué' })
  @Limited('expensive-reads')
  async suggestions(@Caller() { consortiumId, principal }: Caller, @IdParam('needId') needId: string) {
    // The ranking is the organisation's own: providers who see the need do not see its suggestions.
    const need = await this.needs.visible(consortiumId, needId, principal);
    await this.access.ensureCanSee(consortiumId, need.organizationId, principal);
    return this.matching.suggestions(consortiumId, needId);
  }

  @Route('POST', ':needId/suggestions', { summary: 'Rank the providers again, after the catalogue changed / Reclasser les fournisseurs', roles: ['coordinator', 'member'], status: 200 })
  @Limited('expensive-reads')
  async refreshSuggestions(@Caller() { consortiumId, principal }: Caller, @IdParam('needId') needId: string) {
    const need = await this.needs.visible(consortiumId, needId, principal);
    await this.actFor(consortiumId, need.organizationId, principal);
    return this.needs.refreshSuggestions(consortiumId, needId);
  }

  /** Coordinators act for any organisation; otherwise only its own members. */
  private async actFor(consortiumId: string, organizationId: string, principal: Principal): Promise<void> {
    if (actsForOthers(principal, consortiumId)) return;
    await this.access.memberOf(consortiumId, organizationId, principal);
  }
}
