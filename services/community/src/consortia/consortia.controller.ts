import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal } from '@ccndr/auth';
import { officialLanguage } from '@ccndr/contracts';
import { ConsortiumId, Route, ValidBody } from '@ccndr/service-kit';
import { ConsortiaService } from './consortia.service';

const bilingualName = z.strictObject({ fr: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });
export const createConsortiumBody = z.strictObject({ name: bilingualName, defaultLanguage: officialLanguage });

@ApiTags('consortia')
@Controller('consortia')
export class ConsortiaController {
  constructor(private readonly consortia: ConsortiaService) {}

  @Route('POST', { summary: 'Open a consortium (platform admin) / Ouvrir un consortium (administration)', roles: ['platform-admin'] })
  create(@ValidBody(createConsortiumBody) body: z.infer<typeof createConsortiumBody>) {
    return this.consortia.create(body);
  }

  @Route('GET', { summary: 'Consortia the caller belongs to (all, for platform admins) / Consortiums de la personne' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.consortia.listVisibleTo(principal);
  }

  @Route('GET', ':consortiumId', { summary: 'A consortium / Un consortium' })
  get(@ConsortiumId() consortiumId: string) {
    return this.consortia.require(consortiumId);
  }
}
