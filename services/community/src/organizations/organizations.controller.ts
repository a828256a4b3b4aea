import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@ccndr/auth';
import { countryCode, officialLanguage, organizationCategory, provinceOrTerritory } from '@ccndr/contracts';
import { openApiBody, schemaMessage, uuidParam, ZodPipe } from '@ccndr/service-kit';
import { locationProblem, OrganizationsService } from './organizations.service';

const profile = {
  name: z.string().trim().min(1).max(200),
  category: organizationCategory,
  provinceOrTerritory: provinceOrTerritory.nullable(),
  country: countryCode,
  preferredLanguage: officialLanguage,
};

export const joinOrganizationBody = z
  .strictObject({ ...profile, provinceOrTerritory: profile.provinceOrTerritory.default(null), country: profile.country.default('CA') })
  .superRefine((value, ctx) => {
    const problem = locationProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], ...schemaMessage(problem.code, problem.detail.en, problem.detail.fr) });
  });

export const updateOrganizationBody = z
  .strictObject(profile)
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { ...schemaMessage('field.nothing-to-change', 'give at least one field to change', 'indiquez au moins un champ à modifier') });

export const includeLeftQuery = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

@ApiTags('organizations')
@Controller('consortia/:consortiumId/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'An organization joins the consortium / Une organisation se joint au consortium' })
  @ApiBody(openApiBody(joinOrganizationBody))
  join(@Param('consortiumId') consortiumId: string, @Body(new ZodPipe(joinOrganizationBody)) body: z.infer<typeof joinOrganizationBody>) {
    return this.organizations.join(consortiumId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Participating organizations / Organisations participantes' })
  @ApiQuery({ name: 'includeLeft', required: false, enum: ['true', 'false'] })
  list(@Param('consortiumId') consortiumId: string, @Query('includeLeft', new ZodPipe(includeLeftQuery, 'includeLeft')) includeLeft: boolean) {
    return this.organizations.list(consortiumId, includeLeft);
  }

  @Get(':organizationId')
  @ApiOperation({ summary: 'An organization / Une organisation' })
  get(@Param('consortiumId') consortiumId: string, @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string) {
    return this.organizations.get(consortiumId, organizationId);
  }

  @Patch(':organizationId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Update an organization / Modifier une organisation' })
  @ApiBody(openApiBody(updateOrganizationBody))
  update(
    @Param('consortiumId') consortiumId: string,
    @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string,
    @Body(new ZodPipe(updateOrganizationBody)) body: z.infer<typeof updateOrganizationBody>,
  ) {
    return this.organizations.update(consortiumId, organizationId, body);
  }

  @Delete(':organizationId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'The organization leaves, with its members / L’organisation quitte le consortium, avec ses membres' })
  leave(@Param('consortiumId') consortiumId: string, @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string) {
    return this.organizations.leave(consortiumId, organizationId);
  }
}
