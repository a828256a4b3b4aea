import { z } from 'zod';
import { participantRoles } from '@ccndr/auth';
import { calendarDate, readinessDimensionKey } from '@ccndr/contracts';
import { Caller, ConsortiumRoutes, IdParam, Route, ValidBody } from '@ccndr/service-kit';
import { OrganizationAccess } from '@ccndr/community-directory';
import { JourneysService } from './journeys.service';

export const targetsBody = z.strictObject({ targets: z.record(readinessDimensionKey, z.number().int().min(1).max(5)) });
export const milestoneDueBody = z.strictObject({ dueOn: calendarDate.nullable() });
export const completeMilestoneBody = z.strictObject({ note: z.string().trim().max(2000).nullable().default(null) });

@ConsortiumRoutes('readiness journey', 'organizations/:organizationId')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly access: OrganizationAccess,
  ) {}

  @Route('GET', 'journey', { summary: 'The readiness journey: milestones with resources, progress / Le parcours de préparation' })
  async journey(@Caller() { consortiumId, principal }: Caller, @IdParam('organizationId') organizationId: string) {
    await this.access.ensureCanSee(consortiumId, organizationId, principal);
    return this.journeys.current(consortiumId, organizationId);
  }

  @Route('POST', 'journey/milestones/:milestoneId/complete', { summary: 'Tick a milestone, with a note / Cocher une étape, avec une note', roles: participantRoles, status: 200 })
  async completeMilestone(
    @Caller() { consortiumId, principal }: Caller,
    @IdParam('organizationId') organizationId: string,
    @IdParam('milestoneId') milestoneId: string,
    @ValidBody(completeMilestoneBody) body: z.infer<typeof completeMilestoneBody>,
  ) {
    const member = await this.access.memberOf(consortiumId, organizationId, principal);
    return this.journeys.completeMilestone(consortiumId, organizationId, milestoneId, member.memberId, body.note);
  }

  @Route('PUT', 'journey/milestones/:milestoneId/due', { summary: 'Set (or clear) the day a milestone is due; its members are reminded before it / Fixer l’échéance d’une étape', roles: participantRoles })
  async setMilestoneDue(
    @Caller() { consortiumId, principal }: Caller,
    @IdParam('organizationId') organizationId: string,
    @IdParam('milestoneId') milestoneId: string,
    @ValidBody(milestoneDueBody) body: z.infer<typeof milestoneDueBody>,
  ) {
    await this.access.memberOf(consortiumId, organizationId, principal);
    return this.journeys.setMilestoneDue(consortiumId, organizationId, milestoneId, body.dueOn);
  }

  @Route('GET', 'targets', { summary: 'Target stages per dimension / Stades visés par dimension' })
  async targets(@Caller() { consortiumId, principal }: Caller, @IdParam('organizationId') organizationId: string) {
    await this.access.ensureCanSee(consortiumId, organizationId, principal);
    return this.journeys.targets(undefined, consortiumId, organizationId);
  }

  @Route('PUT', 'targets', { summary: 'Set target stages; the next assessment measures gaps against them / Fixer les stades visés', roles: participantRoles })
  async setTargets(@Caller() { consortiumId, principal }: Caller, @IdParam('organizationId') organizationId: string, @ValidBody(targetsBody) body: z.infer<typeof targetsBody>) {
    await this.access.memberOf(consortiumId, organizationId, principal);
    return this.journeys.setTargets(consortiumId, organizationId, body.targets);
  }
}
