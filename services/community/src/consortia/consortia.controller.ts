import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { officialLanguage } from '@ccndr/contracts';
import { openApiBody, ZodPipe } from '@ccndr/service-kit';
import { ConsortiaService } from './consortia.service';

const bilingualName = z.strictObject({ fr: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
export const createConsortiumBody = z.strictObject({ name: bilingualName, defaultLanguage: officialLanguage });

@ApiTags('consortia')
@Controller('consortia')
export class ConsortiaController {
  constructor(private readonly consortia: ConsortiaService) {}

  @Post()
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Open a consortium (platform admin) / Ouvrir un consortium (administration)' })
  @ApiBody(openApiBody(createConsortiumBody))
  create(@Body(new ZodPipe(createConsortiumBody)) body: z.infer<typeof createConsortiumBody>) {
    return this.consortia.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Consortia the caller belongs to (all, for platform admins) / Consortiums de la personne' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.consortia.listVisibleTo(principal);
  }

  @Get(':consortiumId')
  @ApiOperation({ summary: 'A consortium / Un consortium' })
  get(@Param('consortiumId') consortiumId: string) {
    return this.consortia.require(consortiumId);
  }
}
