import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@ccndr/auth';
import { gatheringKind, registrationResponse, say, timestamp, DomainError } from '@ccndr/contracts';
import { openApiBody, schemaMessage, uuidParam, ZodPipe } from '@ccndr/service-kit';
import { MembersService } from '../members/members.service';
import { GatheringsService } from './gatherings.service';

const capacity = z.number().int().min(1).max(100_000).nullable();

export const scheduleGatheringBody = z.strictObject({
  kind: gatheringKind,
  title: z.string().trim().min(1).max(300),
  startsAt: timestamp,
  capacity: capacity.default(null),
  /** Records a gathering that already took place (its start is then in the past). */
  alreadyHeld: z.boolean().default(false),
});

export const updateGatheringBody = z
  .strictObject({ title: z.string().trim().min(1).max(300), startsAt: timestamp, capacity })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { ...schemaMessage('field.nothing-to-change', 'give at least one field to change', 'indiquez au moins un champ à modifier') });

/** One member (`memberId`) or a list (`memberIds`), not both. */
export const recordAttendanceBody = z
  .strictObject({ memberId: z.uuid().optional(), memberIds: z.array(z.uuid()).min(1).max(1000).optional() })
  .refine((b) => (b.memberId === undefined) !== (b.memberIds === undefined), { ...schemaMessage('field.required', 'give memberId or memberIds (one of them)', 'indiquez memberId ou memberIds (l’un des deux)'), path: ['memberIds'] });

export const registerBody = z.strictObject({ memberId: z.uuid(), response: registrationResponse });
export const changeRegistrationBody = z.strictObject({ response: registrationResponse });

@ApiTags('gatherings')
@Controller('consortia/:consortiumId/gatherings')
export class GatheringsController {
  constructor(
    private readonly gatherings: GatheringsService,
    private readonly members: MembersService,
  ) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Schedule a gathering / Planifier une rencontre' })
  @ApiBody(openApiBody(scheduleGatheringBody))
  schedule(@Param('consortiumId') consortiumId: string, @Body(new ZodPipe(scheduleGatheringBody)) body: z.infer<typeof scheduleGatheringBody>) {
    return this.gatherings.schedule(consortiumId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Gatherings with registrations, attendance and attendance rate / Rencontres, inscriptions, présences et taux de présence' })
  list(@Param('consortiumId') consortiumId: string) {
    return this.gatherings.list(consortiumId);
  }

  @Get(':gatheringId')
  @ApiOperation({ summary: 'A gathering with its figures / Une rencontre et ses chiffres' })
  get(@Param('consortiumId') consortiumId: string, @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string) {
    return this.gatherings.get(consortiumId, gatheringId);
  }

  @Patch(':gatheringId')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Rename, reschedule or change the capacity / Renommer, reporter ou changer la capacité' })
  @ApiBody(openApiBody(updateGatheringBody))
  update(
    @Param('consortiumId') consortiumId: string,
    @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string,
    @Body(new ZodPipe(updateGatheringBody)) body: z.infer<typeof updateGatheringBody>,
  ) {
    return this.gatherings.update(consortiumId, gatheringId, body);
  }

  @Post(':gatheringId/cancel')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Cancel a gathering / Annuler une rencontre' })
  cancel(@Param('consortiumId') consortiumId: string, @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string) {
    return this.gatherings.cancel(consortiumId, gatheringId);
  }

  @Get(':gatheringId/registrations')
  @ApiOperation({ summary: 'Registrations (going, maybe, not going) / Inscriptions' })
  registrations(@Param('consortiumId') consortiumId: string, @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string) {
    return this.gatherings.registrations(consortiumId, gatheringId);
  }

  @Post(':gatheringId/registrations')
  @Roles('coordinator', 'member', 'provider', 'advisor')
  @ApiOperation({ summary: 'Register a member’s answer: one’s own, or anyone’s for coordinators / Inscrire sa réponse (celle de tout membre pour la coordination)' })
  @ApiBody(openApiBody(registerBody))
  async register(
    @Param('consortiumId') consortiumId: string,
    @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(registerBody)) body: z.infer<typeof registerBody>,
  ) {
    await this.members.ensureActsFor(consortiumId, principal, body.memberId);
    return this.gatherings.register(consortiumId, gatheringId, body.memberId, body.response, false);
  }

  @Put(':gatheringId/registrations/:memberId')
  @Roles('coordinator', 'member', 'provider', 'advisor')
  @ApiOperation({ summary: 'Change a member’s answer: one’s own, or anyone’s for coordinators / Modifier sa réponse (celle de tout membre pour la coordination)' })
  @ApiBody(openApiBody(changeRegistrationBody))
  async changeRegistration(
    @Param('consortiumId') consortiumId: string,
    @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string,
    @Param('memberId', new ZodPipe(uuidParam, 'memberId')) memberId: string,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(changeRegistrationBody)) body: z.infer<typeof changeRegistrationBody>,
  ) {
    await this.members.ensureActsFor(consortiumId, principal, memberId);
    return this.gatherings.register(consortiumId, gatheringId, memberId, body.response, true);
  }

  @Post(':gatheringId/attendance')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record who attended, one or many / Enregistrer les présences' })
  @ApiBody(openApiBody(recordAttendanceBody))
  recordAttendance(
    @Param('consortiumId') consortiumId: string,
    @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string,
    @Body(new ZodPipe(recordAttendanceBody)) body: z.infer<typeof recordAttendanceBody>,
  ) {
    return this.gatherings.recordAttendance(consortiumId, gatheringId, body.memberIds ?? [body.memberId!]);
  }

  @Post(':gatheringId/attendance/import')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Record attendance from a virtual meeting’s join log (CSV, all or nothing) / Importer les présences d’une rencontre virtuelle (CSV, tout ou rien)',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'Name,Email,Join Time\nAna Roy,ana@example.org,2026-03-10 13:00' } })
  importJoinLog(
    @Param('consortiumId') consortiumId: string,
    @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() csv: unknown,
  ) {
    if (!/^text\/csv\b/i.test(contentType ?? '') || typeof csv !== 'string') throw new DomainError('request.unsupported-media-type', { detail: say('send the join log as text/csv', 'envoyez le journal de connexion en text/csv') });
    return this.gatherings.importJoinLog(consortiumId, gatheringId, csv);
  }
}
