import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@ccndr/auth';
import { countryCode, officialLanguage, organizationCategory, provinceOrTerritory } from '@ccndr/contracts';
import { openApiBody, ZodPipe } from '@ccndr/service-kit';
import { OrganizationsService } from './organizations.service';

export const joinOrganizationBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    category: organizationCategory,
    provinceOrTerritory: provinceOrTerritory.nullable().default(null),
    country: countryCode.default('CA'),
    preferredLanguage: officialLanguage,
  })
  .superRefine((value, ctx) => {
    if (value.country === 'CA' && !value.provinceOrTerritory) {
      ctx.addIssue({ code: 'custom', path: ['provinceOrTerritory'], message: 'is required for an organization in Canada' });
    }
    if (value.country !== 'CA' && value.provinceOrTerritory) {
      ctx.addIssue({ code: 'custom', path: ['provinceOrTerritory'], message: 'applies only to organizations in Canada' });
    }
  });

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
  list(@Param('consortiumId') consortiumId: string) {
    return this.organizations.list(consortiumId);
  }
}
