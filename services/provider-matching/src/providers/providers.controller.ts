import { z } from 'zod';
import { actsForOthers } from '@ccndr/auth';
import { OrganizationAccess } from '@ccndr/community-directory';
import { officialLanguage, provinceOrTerritory, readinessDimensionKey } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, schemaMessage, ValidBody, ValidQuery } from '@ccndr/service-kit';
import { ProvidersService } from './providers.service';

export const providerProfileBody = z
  .strictObject({
    offerings: z
      .array(
        z.strictObject({
          title: z.string().trim().min(1).max(300),
          description: z.string().trim().max(5000).nullable().default(null),
          dimensions: z.array(readinessDimensionKey).min(1).max(8),
          stages: z.array(z.number().int().min(1).max(5)).min(1).max(5),
        }),
      )
      .min(1)
      .max(50),
    languages: z.array(officialLanguage).min(1).max(2),
    provincesServed: z.array(provinceOrTerritory).max(13).default([]),
    remote: z.boolean(),
    costModel: z
      .strictObject({ kind: z.enum(['free', 'subsidised', 'fee']), feeRange: z.strictObject({ min: z.number().min(0), max: z.number().min(0) }).nullable().default(null) })
      .refine((c) => !c.feeRange || c.feeRange.min <= c.feeRange.max, { ...schemaMessage('field.out-of-range', 'min must not exceed max', 'min ne doit pas dépasser max'), path: ['feeRange'] })
      .refine((c) => c.kind === 'free' || c.feeRange !== null, { ...schemaMessage('provider.fee-range-required', 'give the fee range of a subsidised or fee-based offer', 'indiquez la fourchette de tarifs d’une offre subventionnée ou payante'), path: ['feeRange'] }),
    capacity: z.number().int().min(0).max(1000),
    responseTimeDays: z.number().int().min(1).max(90),
  })
  .refine((p) => p.remote || p.provincesServed.length > 0, { ...schemaMessage('provider.area-required', 'serve at least one province or territory, or remotely', 'desservez au moins une province ou un territoire, ou à distance'), path: ['provincesServed'] });

export const catalogueQuery = z.strictObject({ dimension: readinessDimensionKey.optional(), language: officialLanguage.optional(), province: provinceOrTerritory.optional() });

@ConsortiumRoutes('providers', 'providers')
export class ProvidersController {
  constructor(
    private readonly providers: ProvidersService,
    private readonly access: OrganizationAccess,
  ) {}

  @Route('PUT', ':organizationId', { summary: 'Publish or replace a provider profile and its offerings / Publier le profil d’un fournisseur', roles: ['coordinator', 'provider'] })
  async publish(@Caller() { consortiumId, principal }: Caller, @IdParam('organizationId') organizationId: string, @ValidBody(providerProfileBody) body: z.infer<typeof providerProfileBody>) {
    // Coordinators set up profiles; otherwise only the provider's own staff.
    if (!actsForOthers(principal, consortiumId)) await this.access.memberOf(consortiumId, organizationId, principal);
    return this.providers.publish(consortiumId, organizationId, body);
  }

  @Route('GET', { summary: 'The provider catalogue / Le répertoire des fournisseurs' })
  list(@ConsortiumId() consortiumId: string, @ValidQuery(catalogueQuery) query: z.infer<typeof catalogueQuery>) {
    return this.providers.list(consortiumId, query);
  }

  @Route('GET', ':organizationId', { summary: 'A provider profile / Un profil de fournisseur' })
  get(@ConsortiumId() consortiumId: string, @IdParam('organizationId') organizationId: string) {
    return this.providers.get(consortiumId, organizationId);
  }
}
