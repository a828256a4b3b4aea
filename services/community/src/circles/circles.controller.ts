import { z } from 'zod';
import { participantRoles } from '@ccndr/auth';
import { prototypeNumber, readinessDimensionKey, timestamp } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, ValidBody, ValidQuery } from '@ccndr/service-kit';
import { MembersService } from '../members/members.service';
import { CirclesService } from './circles.service';

export const createCircleBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().default(null),
  prototype: prototypeNumber.nullable().default(null),
  readinessDimension: readinessDimensionKey.nullable().default(null),
});

export const joinCircleBody = z.strictObject({ memberId: z.uuid() });
export const historyQuery = z.strictObject({ at: timestamp.optional().describe('ISO 8601 time') });

@ConsortiumRoutes('circles', 'circles')
export class CirclesController {
  constructor(
    private readonly circles: CirclesService,
    private readonly members: MembersService,
  ) {}

  @Route('POST', { summary: 'Form a circle (working group) / Former un cercle (groupe de travail)', roles: ['coordinator'] })
  create(@ConsortiumId() consortiumId: string, @ValidBody(createCircleBody) body: z.infer<typeof createCircleBody>) {
    return this.circles.create(consortiumId, body);
  }

  @Route('GET', { summary: 'Circles with their active members / Cercles et membres actifs' })
  list(@ConsortiumId() consortiumId: string) {
    return this.circles.list(consortiumId);
  }

  @Route('GET', ':circleId', { summary: 'A circle and its active members / Un cercle et ses membres actifs' })
  get(@ConsortiumId() consortiumId: string, @IdParam('circleId') circleId: string) {
    return this.circles.get(consortiumId, circleId);
  }

  @Route('GET', ':circleId/history', { summary: 'Membership history, or who was active at a time / Historique des membres, ou membres actifs à une date' })
  history(@ConsortiumId() consortiumId: string, @IdParam('circleId') circleId: string, @ValidQuery(historyQuery) query: z.infer<typeof historyQuery>) {
    return this.circles.history(consortiumId, circleId, query.at ? new Date(query.at) : undefined);
  }

  @Route('POST', ':circleId/members', { summary: 'Join the circle, or add any member for coordinators / Se joindre au cercle (y ajouter tout membre pour la coordination)', roles: participantRoles })
  async join(@Caller() { consortiumId, principal }: Caller, @IdParam('circleId') circleId: string, @ValidBody(joinCircleBody) body: z.infer<typeof joinCircleBody>) {
    await this.members.ensureActsFor(consortiumId, principal, body.memberId);
    return this.circles.join(consortiumId, circleId, body.memberId);
  }

  @Route('DELETE', ':circleId/members/:memberId', { summary: 'Leave the circle, or remove any member for coordinators / Quitter le cercle (en retirer tout membre pour la coordination)', roles: participantRoles, status: 204 })
  async leave(@Caller() { consortiumId, principal }: Caller, @IdParam('circleId') circleId: string, @IdParam('memberId') memberId: string) {
    await this.members.ensureActsFor(consortiumId, principal, memberId);
    return this.circles.leave(consortiumId, circleId, memberId);
  }
}
