import { Body, Headers } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { z } from 'zod';
import { participantRoles } from '@ccndr/auth';
import { DomainError, gatheringKind, registrationResponse, say, timestamp } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, IdParam, Route, schemaMessage, ValidBody, ValidQuery } from '@ccndr/service-kit';
import { MembersService } from '../members/members.service';
import { GatheringsService } from './gatherings.service';

const capacity = z.number().int().min(1).max(100_000).nullable();
/** Where people meet (a room, an address); the link to join online. Either, both or neither. */
const place = z.string().trim().min(1).max(300).nullable();
const link = z.url({ protocol: /^https?$/ }).max(2000).nullable();

export const scheduleGatheringBody = z.strictObject({
  kind: gatheringKind,
  title: z.string().trim().min(1).max(300),
  startsAt: timestamp,
  capacity: capacity.default(null),
  place: place.default(null),
  link: link.default(null),
  /** Records a gathering that already took place (its start is then in the past). */
  alreadyHeld: z.boolean().default(false),
});

export const updateGatheringBody = z
  .strictObject({ title: z.string().trim().min(1).max(300), startsAt: timestamp, capacity, place, link })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { ...schemaMessage('field.nothing-to-change', 'give at least one field to change', 'indiquez au moins un champ à modifier') });

/** One member (`memberId`) or a list (`memberIds`), not both. */
export const recordAttendanceBody = z
  .strictObject({ memberId: z.uuid().optional(), memberIds: z.array(z.uuid()).min(1).max(1000).optional() })
  .refine((b) => (b.memberId === undefined) !== (b.memberIds === undefined), { ...schemaMessage('field.required', 'give memberId or memberIds (one of them)', 'indiquez memberId ou memberIds (l’un des deux)'), path: ['memberIds'] });

/** Options of a join-log import, in the query string (the body is the CSV). */
export const importJoinLogQuery = z.strictObject({
  skipUnmatched: z.stringbool().default(false).describe('leave out lines that match no member, several, or nobody (a guest, a phone number) instead of refusing the import; the answer lists them under `skipped`'),
  minimumMinutes: z.coerce.number().int().min(1).max(1440).optional().describe('record only members whose lines add up to at least this many minutes in the meeting (the log needs a duration column); the others are listed under `belowMinimum`'),
});

export const registerBody = z.strictObject({ memberId: z.uuid(), response: registrationResponse });
export const changeRegistrationBody = z.strictObject({ response: registrationResponse });

@ConsortiumRoutes('gatherings', 'gatherings')
export class GatheringsController {
  constructor(
    private readonly gatherings: GatheringsService,
    private readonly members: MembersService,
  ) {}

  @Route('POST', { summary: 'Schedule a gathering / Planifier une rencontre', roles: ['coordinator'] })
  schedule(@ConsortiumId() consortiumId: string, @ValidBody(scheduleGatheringBody) body: z.infer<typeof scheduleGatheringBody>) {
    return this.gatherings.schedule(consortiumId, body);
  }

  @Route('GET', { summary: 'Gatherings with registrations, attendance and attendance rate / Rencontres, inscriptions, présences et taux de présence' })
  list(@ConsortiumId() consortiumId: string) {
    return this.gatherings.list(consortiumId);
  }

  @Route('GET', ':gatheringId', { summary: 'A gathering with its figures / Une rencontre et ses chiffres' })
  get(@ConsortiumId() consortiumId: string, @IdParam('gatheringId') gatheringId: string) {
    return this.gatherings.get(consortiumId, gatheringId);
  }

  @Route('PATCH', ':gatheringId', { summary: 'Rename, reschedule, change the capacity, place or link / Renommer, reporter, changer la capacité, le lieu ou le lien', roles: ['coordinator'] })
  update(@ConsortiumId() consortiumId: string, @IdParam('gatheringId') gatheringId: string, @ValidBody(updateGatheringBody) body: z.infer<typeof updateGatheringBody>) {
    return this.gatherings.update(consortiumId, gatheringId, body);
  }

  @Route('POST', ':gatheringId/cancel', { summary: 'Cancel a gathering / Annuler une rencontre', roles: ['coordinator'], status: 200 })
  cancel(@ConsortiumId() consortiumId: string, @IdParam('gatheringId') gatheringId: string) {
    return this.gatherings.cancel(consortiumId, gatheringId);
  }

  @Route('GET', ':gatheringId/registrations', { summary: 'Registrations (going, maybe, not going) / Inscriptions' })
  registrations(@ConsortiumId() consortiumId: string, @IdParam('gatheringId') gatheringId: string) {
    return this.gatherings.registrations(consortiumId, gatheringId);
  }

  @Route('POST', ':gatheringId/registrations', { summary: 'Register a member’s answer: one’s own, or anyone’s for coordinators / Inscrire sa réponse (celle de tout membre pour la coordination)', roles: participantRoles })
  async register(@Caller() { consortiumId, principal }: Caller, @IdParam('gatheringId') gatheringId: string, @ValidBody(registerBody) body: z.infer<typeof registerBody>) {
    await this.members.ensureActsFor(consortiumId, principal, body.memberId);
    return this.gatherings.register(consortiumId, gatheringId, body.memberId, body.response, false);
  }

  @Route('PUT', ':gatheringId/registrations/:memberId', { summary: 'Change a member’s answer: one’s own, or anyone’s for coordinators / Modifier sa réponse (celle de tout membre pour la coordination)', roles: participantRoles })
  async changeRegistration(
    @Caller() { consortiumId, principal }: Caller,
    @IdParam('gatheringId') gatheringId: string,
    @IdParam('memberId') memberId: string,
    @ValidBody(changeRegistrationBody) body: z.infer<typeof changeRegistrationBody>,
  ) {
    await this.members.ensureActsFor(consortiumId, principal, memberId);
    return this.gatherings.register(consortiumId, gatheringId, memberId, body.response, true);
  }

  @Route('POST', ':gatheringId/attendance', { summary: 'Record who attended, one or many / Enregistrer les présences', roles: ['coordinator'], status: 200 })
  recordAttendance(@ConsortiumId() consortiumId: string, @IdParam('gatheringId') gatheringId: string, @ValidBody(recordAttendanceBody) body: z.infer<typeof recordAttendanceBody>) {
    return this.gatherings.recordAttendance(consortiumId, gatheringId, body.memberIds ?? [body.memberId!]);
  }

  @Route('GET', ':gatheringId/attendance', { summary: 'Who is recorded as present / Personnes consignées comme présentes', roles: ['coordinator'] })
  attendees(@ConsortiumId() consortiumId: string, @IdParam('gatheringId') gatheringId: string) {
    return this.gatherings.attendees(consortiumId, gatheringId);
  }

  @Route('POST', ':gatheringId/attendance/withdraw', {
    summary: 'Withdraw attendance recorded by mistake, one or many / Retirer des présences consignées par erreur',
    description: 'Idempotent: members not recorded as present are listed under `notRecorded` and left alone. Publishes gathering.attendance-withdrawn for those withdrawn.',
    roles: ['coordinator'],
    status: 200,
  })
  withdrawAttendance(@ConsortiumId() consortiumId: string, @IdParam('gatheringId') gatheringId: string, @ValidBody(recordAttendanceBody) body: z.infer<typeof recordAttendanceBody>) {
    return this.gatherings.withdrawAttendance(consortiumId, gatheringId, body.memberIds ?? [body.memberId!]);
  }

  @Route('POST', ':gatheringId/attendance/import', {
    summary: 'Record attendance from a virtual meeting’s join log (CSV) / Importer les présences d’une rencontre virtuelle (CSV)',
    description: 'All or nothing: a malformed line refuses the import (422 join-log.unusable-rows, each line in `rowErrors` with `skippable: false`); so do lines that match no member, unless `skipUnmatched` leaves them out.',
    roles: ['coordinator'],
    status: 200,
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'Name,Email,Duration (Minutes)\nAna Roy,ana@example.org,58' } })
  importJoinLog(
    @ConsortiumId() consortiumId: string,
    @IdParam('gatheringId') gatheringId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() csv: unknown,
    @ValidQuery(importJoinLogQuery) options: z.infer<typeof importJoinLogQuery>,
  ) {
    if (!/^text\/csv\b/i.test(contentType ?? '') || typeof csv !== 'string') throw new DomainError('request.unsupported-media-type', { detail: say('send the join log as text/csv', 'envoyez le journal de connexion en text/csv') });
    return this.gatherings.importJoinLog(consortiumId, gatheringId, csv, options);
  }
}
