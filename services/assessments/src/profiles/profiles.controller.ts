import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@ccndr/auth';
import { uuidParam, ZodPipe } from '@ccndr/service-kit';
import { ProfilesService } from './profiles.service';

@ApiTags('maturity profile')
@Controller('consortia/:consortiumId/organizations/:organizationId')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get('profile')
  @ApiOperation({ summary: 'Maturity profile over time and change since the last assessment / Profil de maturité et évolution' })
  profile(@Param('consortiumId') consortiumId: string, @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string, @CurrentPrincipal() principal: Principal) {
    return this.profiles.profile(consortiumId, organizationId, principal);
  }

  @Get('benchmark')
  @ApiOperation({ summary: 'Peer benchmark within the category, shown from 5 organizations / Comparaison avec les pairs, à partir de 5 organisations' })
  benchmark(@Param('consortiumId') consortiumId: string, @Param('organizationId', new ZodPipe(uuidParam, 'organizationId')) organizationId: string, @CurrentPrincipal() principal: Principal) {
    return this.profiles.benchmark(consortiumId, organizationId, principal);
  }
}
