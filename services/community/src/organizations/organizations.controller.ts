import { Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { countryCode, officialLanguage, organizationCategory, provinceOrTerritory } from '@ccndr/contracts';
import { ConsortiumId, ConsortiumRoutes, IdParam, Route, schemaMessage, ValidBody, ZodPipe } from '@ccndr/service-kit';
import { locationProblem, OrganizationsService } from './organizations.service';

const profile = {
  name: z.string().trim().min(1).max(200),
  category: organizationCategory,
  provinceOrTerritory: provinceOrTerritory.nullable(),
  country: countryCode,
  preferredLanguage: officialLanguage,
  /** Consent to be named in the programme's reports (the name then travels in the organisation's events). */
  nameInReports: z.boolean(),
};

export const joinOrganizationBody = z
  .strictObject({ ...profile, provinceOrTerritory: profile.provinceOrTerritory.default(null), country: profile.country.default('CA'), nameInReports: profile.nameInReports.default(false) })
  .superRefine((value, ctx) => {
    const problem = locationProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], ...schemaMessage(problem.code, problem.detail.en, problem.detail.fr) });
  });

export const updateOrganizationBody = z
  .strictObject(profile)
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { ...schemaMessage('field.nothing-to-change', 'give at least one field to change', 'indiquez au moins un champ à modifier') });

export const includeLeftQuery = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

@ConsortiumRoutes('organizations', 'organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Route('POST', { summary: 'An organization joins the consortium / Une organisation se joint au consortium', roles: ['coordinator'] })
  join(@ConsortiumId() consortiumId: string, @ValidBody(joinOrganizationBody) body: z.infer<typeof joinOrganizationBody>) {
    return this.organizations.join(consortiumId, body);
  }

  @Route('GET', { summary: 'Participating organizations / Organisations participantes' })
  @ApiQuery({ name: 'includeLeft', required: false, enum: ['true', 'false'] })
  list(@ConsortiumId() consortiumId: string, @Query('includeLeft', new ZodPipe(includeLeftQuery, 'includeLeft')) includeLeft: boolean) {
    return this.organizations.list(consortiumId, includeLeft);
  }

  @Route('GET', ':organizationId', { summary: 'An organization / Une organisation' })
  get(@ConsortiumId() consortiumId: string, @IdParam('organizationId') organizationId: string) {
    return this.organizations.get(consortiumId, organizationId);
  }

  @Route('PATCH', ':organizationId', { summary: 'Update an organization / Modifier une organisation', roles: ['coordinator'] })
  update(@ConsortiumId() consortiumId: string, @IdParam('organizationId') organizationId: string, @ValidBody(updateOrganizationBody) body: z.infer<typeof updateOrganizationBody>) {
    return this.organizations.update(consortiumId, organizationId, body);
  }

  @Route('DELETE', ':organizationId', { summary: 'The organization leaves, with its members / L’organisation quitte le consortium, avec ses membres', roles: ['coordinator'] })
  leave(@ConsortiumId() consortiumId: string, @IdParam('organizationId') organizationId: string) {
    return this.organizations.leave(consortiumId, organizationId);
  }
}
