import { Caller, ConsortiumRoutes, IdParam, Route } from '@ccndr/service-kit';
import { ProfilesService } from './profiles.service';

@ConsortiumRoutes('maturity profile', 'organizations/:organizationId')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Route('GET', 'profile', { summary: 'Maturity profile over time and change since the last assessment / Profil de maturité et évolution' })
  profile(@Caller() { consortiumId, principal }: Caller, @IdParam('organizationId') organizationId: string) {
    return this.profiles.profile(consortiumId, organizationId, principal);
  }

  @Route('GET', 'benchmark', { summary: 'Peer benchmark within the category, shown from 5 organizations / Comparaison avec les pairs, à partir de 5 organisations' })
  benchmark(@Caller() { consortiumId, principal }: Caller, @IdParam('organizationId') organizationId: string) {
    return this.profiles.benchmark(consortiumId, organizationId, principal);
  }
}
