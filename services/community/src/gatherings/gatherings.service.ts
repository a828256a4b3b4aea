import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { GatheringAttendanceRecordedV1, GatheringAttendanceWithdrawnV1, GatheringCancelledV1, GatheringKind, GatheringRegistrationChangedV1, GatheringRescheduledV1, GatheringScheduledV1, RegistrationResponse, say, DomainError } from '@ccndr/contracts';
import { Outbox, outgoing } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { ConsortiaService } from '../consortia/consortia.service';
import { RepresentationService } from '../representation/representation.service';
import {
  activeMemberOrganization,
  activeMembersToMatch,
  anyAttendance,
  attendeeCount,
  attendeesOf,
  Gathering,
  gatheringById,
  gatheringCancelled,
  gatheringFigures,
  gatheringForUpdate,
  gatheringsOf,
  goingCount,
  insertGathering,
  recordAttendance,
  Registration,
  registrationOf,
  registrationsOf,
  saveRegistration,
  updateGathering,
  withdrawAttendance,
} from './gatherings.sql';
import { JoinLogProblem, matchJoinLog, maxJoinLogRows, readJoinLog, skippableJoinLogCodes } from './join-log';

export interface AttendanceResult {
  gatheringId: string;
  /** Members newly recorded by this request. */
  recorded: string[];
  /** Members who were already recorded (left as they were). */
  alreadyRecorded: string[];
  attendeeCount: number;
}

export interface WithdrawalResult {
  gatheringId: string;
  /** Members whose attendance this request withdrew. */
  withdrawn: string[];
  /** Members who were not recorded as present (left as they were). */
  notRecorded: string[];
  attendeeCount: number;
}

/** A line of a join log left out of an import, and why (its code). */
export interface SkippedJoinLogLine {
  line: number;
  code: JoinLogProblem['code'];
  who?: string;
}

export interface ImportResult extends AttendanceResult {
  /** Lines read (not counting the header and blank lines). */
  rows: number;
  /** Lines that matched no member (or several), or named nobody, left out because the caller asked to skip them. */
  skipped: SkippedJoinLogLine[];
  /** Members matched whose minutes in the meeting (all their lines added up) are under the minimum asked for: not recorded. */
  belowMinimum: { memberId: string; minutes: number }[];
}

export interface GatheringView extends Gathering {
  status: 'scheduled' | 'cancelled';
  /** From when attendance can be recorded (an hour before the start). */
  attendanceOpensAt: Date;
  attendeeCount: number;
  registrations: Record<RegistrationResponse, number>;
  /** Share of the people registered as going who attended; null while nobody is registered as going. */
  attendanceRate: number | null;
}

/** Attendance can be recorded from an hour before the start (people sign in early). */
const attendanceOpensBeforeStartMs = 60 * 60 * 1000;

@Injectable()
export class GatheringsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
    private readonly representation: RepresentationService,
  ) {}

  /**
   * Puts a gathering on the calendar. It must start in the future, unless `alreadyHeld` records one
   * that took place before the consortium used the platform (then it must be in the past).
   */
  async schedule(consortiumId: string, input: { kind: GatheringKind; title: string; startsAt: string; capacity: number | null; place: string | null; link: string | null; alreadyHeld: boolean }): Promise<Gathering> {
    const startsAt = new Date(input.startsAt);
    if (!input.alreadyHeld && startsAt.getTime() <= Date.now()) throw new DomainError('gathering.must-start-in-future', { field: 'startsAt', detail: say('must be in the future (or set alreadyHeld for a past gathering)', 'doit être dans le futur (ou indiquez alreadyHeld pour une rencontre passée)') });
    if (input.alreadyHeld && startsAt.getTime() > Date.now()) throw new DomainError('gathering.held-must-be-past', { field: 'startsAt' });
    const gathering: Gathering = { id: randomUUID(), consortiumId, kind: input.kind, title: input.title, startsAt, capacity: input.capacity, place: input.place, link: input.link, scheduledAt: new Date(), cancelledAt: null };
    return this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      await query(manager, insertGathering, [gathering.id, consortiumId, gathering.kind, gathering.title, gathering.startsAt, gathering.capacity, gathering.scheduledAt, gathering.place, gathering.link]);
      await this.outbox.append(manager, consortiumId, GatheringScheduledV1, { gatheringId: gathering.id, kind: gathering.kind, startsAt: gathering.startsAt.toISOString(), scheduledAt: gathering.scheduledAt.toISOString() });
      return gathering;
    });
  }

  async update(consortiumId: string, gatheringId: string, changes: { title?: string; startsAt?: string; capacity?: number | null; place?: string | null; link?: string | null }): Promise<GatheringView> {
    await this.db.transaction(async (manager) => {
      const gathering = await this.requireOpen(manager, consortiumId, gatheringId);
      const startsAt = changes.startsAt ? new Date(changes.startsAt) : gathering.startsAt;
      const moved = startsAt.getTime() !== gathering.startsAt.getTime();
      if (moved && startsAt.getTime() <= Date.now()) throw new DomainError('gathering.must-start-in-future', { field: 'startsAt', detail: say('must be in the future', 'doit être dans le futur') });
      if (changes.capacity) {
        const going = await this.goingCount(manager, gatheringId);
        if (going > changes.capacity) throw new DomainError('gathering.capacity-below-registrations', { field: 'capacity', detail: say(`${going} people are already registered as going`, `${going} personnes sont déjà inscrites comme présentes`) });
      }
      await query(manager, updateGathering, [consortiumId, gatheringId, changes.title ?? gathering.title, startsAt, changes.capacity === undefined ? gathering.capacity : changes.capacity, changes.place === undefined ? gathering.place : changes.place, changes.link === undefined ? gathering.link : changes.link]);
      if (moved) {
        await this.outbox.append(manager, consortiumId, GatheringRescheduledV1, { gatheringId, kind: gathering.kind, startsAt: startsAt.toISOString(), previousStartsAt: gathering.startsAt.toISOString(), rescheduledAt: new Date().toISOString() });
      }
    });
    return this.get(consortiumId, gatheringId);
  }

  async cancel(consortiumId: string, gatheringId: string): Promise<GatheringView> {
    await this.db.transaction(async (manager) => {
      const gathering = await this.requireOpen(manager, consortiumId, gatheringId);
      const attended = await query(manager, anyAttendance, [gatheringId]);
      if (attended.length) throw new DomainError('gathering.took-place');
      const cancelledAt = new Date();
      await query(manager, gatheringCancelled, [consortiumId, gatheringId, cancelledAt]);
      await this.outbox.append(manager, consortiumId, GatheringCancelledV1, { gatheringId, kind: gathering.kind, cancelledAt: cancelledAt.toISOString() });
    });
    return this.get(consortiumId, gatheringId);
  }

  async list(consortiumId: string): Promise<GatheringView[]> {
    await this.consortia.require(consortiumId);
    const gatherings = await query(this.db, gatheringsOf, [consortiumId]);
    return this.withFigures(gatherings);
  }

  async get(consortiumId: string, gatheringId: string): Promise<GatheringView> {
    const [gathering] = await query(this.db, gatheringById, [consortiumId, gatheringId]);
    if (!gathering) throw new DomainError('gathering.not-found');
    const [view] = await this.withFigures([gathering]);
    return view;
  }

  /**
   * A member answers the invitation. A second registration of the same person is refused (change
   * the answer instead); "going" is refused once the gathering is full.
   */
  async register(consortiumId: string, gatheringId: string, memberId: string, response: RegistrationResponse, change: boolean): Promise<Registration> {
    return this.db.transaction(async (manager) => {
      const gathering = await this.requireOpen(manager, consortiumId, gatheringId);
      const [member] = await query(manager, activeMemberOrganization, [consortiumId, memberId]);
      if (!member) throw change ? new DomainError('member.not-found') : new DomainError('member.unknown', { field: 'memberId', detail: say('not a member of this consortium', 'pas membre de ce consortium') });
      const [existing] = await query(manager, registrationOf, [gatheringId, memberId]);
      if (!change && existing) throw new DomainError('registration.already-exists', { field: 'memberId' });
      if (change && !existing) throw new DomainError('registration.not-found');
      if (response === 'going' && existing?.response !== 'going' && gathering.capacity !== null && (await this.goingCount(manager, gatheringId)) >= gathering.capacity) {
        throw new DomainError('gathering.full', { field: 'response', detail: say(`the gathering is full (${gathering.capacity} going)`, `la rencontre est complète (${gathering.capacity} présences prévues)`) });
      }
      const now = new Date();
      const registration: Registration = { consortiumId, gatheringId, memberId, response, registeredAt: existing?.registeredAt ?? now, updatedAt: now };
      await query(manager, saveRegistration, [consortiumId, gatheringId, memberId, response, registration.registeredAt, now]);
      if (existing?.response !== response) {
        await this.outbox.append(manager, consortiumId, GatheringRegistrationChangedV1, { gatheringId, gatheringKind: gathering.kind, memberId, organizationId: member.organization_id, response, previousResponse: existing?.response ?? null, changedAt: now.toISOString() });
      }
      return registration;
    });
  }

  async registrations(consortiumId: string, gatheringId: string): Promise<Registration[]> {
    await this.get(consortiumId, gatheringId);
    return query(this.db, registrationsOf, [gatheringId]);
  }

  /**
   * Records who attended. Idempotent per person: members already recorded are reported and left
   * alone; only newly recorded people appear in the event. Unknown members fail the whole request.
   */
  async recordAttendance(consortiumId: string, gatheringId: string, memberIds: string[]): Promise<AttendanceResult> {
    const { changed, unchanged, attendeeCount } = await this.changeAttendance(consortiumId, gatheringId, memberIds, 'record');
    return { gatheringId, recorded: changed, alreadyRecorded: unchanged, attendeeCount };
  }

  /**
   * Withdraws attendance recorded by mistake. Idempotent per person: members not recorded as present
   * are reported and left alone; only those withdrawn appear in the event. Members who were never in
   * the consortium fail the whole request; former members can still be withdrawn.
   */
  async withdrawAttendance(consortiumId: string, gatheringId: string, memberIds: string[]): Promise<WithdrawalResult> {
    const { changed, unchanged, attendeeCount } = await this.changeAttendance(consortiumId, gatheringId, memberIds, 'withdraw');
    return { gatheringId, withdrawn: changed, notRecorded: unchanged, attendeeCount };
  }

  /** Records or withdraws attendance in one transaction, with its event and the gathering's representation snapshot when anyone changed. */
  private async changeAttendance(consortiumId: string, gatheringId: string, memberIds: string[], change: 'record' | 'withdraw'): Promise<{ changed: string[]; unchanged: string[]; attendeeCount: number }> {
    const unique = [...new Set(memberIds)];
    return this.db.transaction(async (manager) => {
      // Attendance can be recorded once the gathering starts within the hour.
      const opensBy = new Date(Date.now() + attendanceOpensBeforeStartMs);
      const members = change === 'record' ? await query(manager, recordAttendance, [consortiumId, gatheringId, unique, opensBy]) : await query(manager, withdrawAttendance, [consortiumId, gatheringId, unique]);
      const [gathering] = members;
      if (gathering.kind === null) throw await this.notFound(manager, consortiumId);
      if (gathering.cancelledAt) throw new DomainError('gathering.cancelled');
      if (change === 'record' && gathering.startsAt!.getTime() > opensBy.getTime()) throw new DomainError('gathering.not-started');
      const byId = new Map(members.filter((m) => m.id !== null).map((m) => [m.id!, m]));
      const unknown = unique.filter((id) => !byId.has(id));
      if (unknown.length) {
        throw new DomainError('member.unknown', { field: 'memberIds', detail: say(`not members of this consortium: ${unknown.join(', ')}`, `pas membres de ce consortium\u00a0: ${unknown.join(', ')}`), extra: { unknownMemberIds: unknown } });
      }
      const changed = unique.filter((id) => byId.get(id)?.changed);
      if (!changed.length) {
        const [{ count }] = await query(manager, attendeeCount, [gatheringId]);
        return { changed, unchanged: unique, attendeeCount: count };
      }
      // Representation leaves the service only as this suppressed aggregate, published with the attendance.
      const attendees = changed.map((memberId) => ({ memberId, organizationId: byId.get(memberId)!.organization_id! }));
      const at = new Date().toISOString();
      const attendance =
        change === 'record'
          ? outgoing(GatheringAttendanceRecordedV1, { gatheringId, gatheringKind: gathering.kind, attendees, recordedAt: at })
          : outgoing(GatheringAttendanceWithdrawnV1, { gatheringId, gatheringKind: gathering.kind, attendees, withdrawnAt: at });
      const snapshot = await this.representation.snapshot(manager, gatheringId);
      // Both events in one statement, the attendance first.
      await this.outbox.appendAll(manager, consortiumId, [attendance, snapshot.event]);
      const done = new Set(changed);
      return { changed, unchanged: unique.filter((id) => !done.has(id)), attendeeCount: snapshot.attendees };
    });
  }

  /** Who is recorded as present at the gathering. */
  async attendees(consortiumId: string, gatheringId: string): Promise<{ memberId: string; recordedAt: Date }[]> {
    await this.get(consortiumId, gatheringId);
    return query(this.db, attendeesOf, [consortiumId, gatheringId]);
  }

  /**
   * Records attendance from a virtual meeting's join log (CSV). A row matches an active member by
   * e-mail, else by a display name only one member has. Malformed lines refuse the whole import
   * (the answer lists exactly those lines and nothing is recorded); so do lines that match no member,
   * several, or nobody, unless `skipUnmatched` leaves them out (a guest, a phone number). With
   * `minimumMinutes`, a member whose lines add up to fewer minutes in the meeting is not recorded.
   */
  async importJoinLog(consortiumId: string, gatheringId: string, csv: string, options: { skipUnmatched?: boolean; minimumMinutes?: number } = {}): Promise<ImportResult> {
    await this.get(consortiumId, gatheringId);
    const { rows, problems, tooMany } = readJoinLog(csv, { minutes: options.minimumMinutes !== undefined });
    if (tooMany !== undefined) {
      throw new DomainError('join-log.too-many-rows', {
        detail: say(`the join log has ${tooMany} rows; import at most ${maxJoinLogRows} at a time (split the file); nothing was recorded`, `le journal de connexion compte ${tooMany} lignes\u00a0; importez-en au plus ${maxJoinLogRows} à la fois (scindez le fichier)\u00a0; rien n’a été consigné`),
      });
    }
    const members = await query(this.db, activeMembersToMatch, [consortiumId]);
    const { minutesOf, problems: unmatched } = matchJoinLog(rows, members.map((m) => ({ id: m.id, email: m.email, name: m.display_name })));
    const rowProblems: JoinLogProblem[] = [...problems, ...unmatched];
    rowProblems.sort((a, b) => a.line - b.line);
    const skippable = (problem: JoinLogProblem) => skippableJoinLogCodes.includes(problem.code);
    if (rowProblems.some((p) => !skippable(p)) || (rowProblems.length && !options.skipUnmatched)) {
      throw new DomainError('join-log.unusable-rows', {
        detail: say(`${rowProblems.length} line(s) of the join log cannot be used; nothing was recorded`, `${rowProblems.length} ligne(s) du journal de connexion inutilisable(s)\u00a0; rien n’a été consigné`),
        extra: { rowErrors: rowProblems.map((p) => ({ ...p, skippable: skippable(p) })) },
      });
    }
    const skipped = rowProblems.map(({ line, code, who }) => ({ line, code, ...(who ? { who } : {}) }));
    const minimum = options.minimumMinutes;
    const belowMinimum = minimum === undefined ? [] : [...minutesOf].filter(([, minutes]) => minutes < minimum).map(([memberId, minutes]) => ({ memberId, minutes: Math.round(minutes * 10) / 10 }));
    const short = new Set(belowMinimum.map((m) => m.memberId));
    const memberIds = [...minutesOf.keys()].filter((id) => !short.has(id));
    if (memberIds.length === 0 && skipped.length === 0 && belowMinimum.length === 0) throw new DomainError('join-log.empty', { extra: { rowErrors: [] } });
    return { ...(await this.recordAttendance(consortiumId, gatheringId, memberIds)), rows: rows.length + problems.length, skipped, belowMinimum };
  }

  private async requireOpen(manager: EntityManager, consortiumId: string, gatheringId: string): Promise<Gathering> {
    const [gathering] = await query(manager, gatheringForUpdate, [consortiumId, gatheringId]);
    if (!gathering) throw await this.notFound(manager, consortiumId);
    if (gathering.cancelledAt) throw new DomainError('gathering.cancelled');
    return gathering;
  }

  /** Which of the two is unknown, the consortium or its gathering (found, a gathering vouches for its consortium: one query less). */
  private async notFound(manager: EntityManager, consortiumId: string): Promise<DomainError> {
    await this.consortia.require(consortiumId, manager);
    return new DomainError('gathering.not-found');
  }

  private async goingCount(manager: EntityManager, gatheringId: string): Promise<number> {
    const [{ count }] = await query(manager, goingCount, [gatheringId]);
    return count;
  }

  private async withFigures(gatherings: Gathering[]): Promise<GatheringView[]> {
    if (gatherings.length === 0) return [];
    const figures = await query(this.db, gatheringFigures, [gatherings.map((g) => g.id)]);
    return gatherings.map((gathering) => {
      const f = figures.find((row) => row.gathering_id === gathering.id)!;
      return {
        ...gathering,
        status: gathering.cancelledAt ? 'cancelled' : 'scheduled',
        attendanceOpensAt: new Date(gathering.startsAt.getTime() - attendanceOpensBeforeStartMs),
        attendeeCount: f.attendees,
        registrations: { going: f.going, maybe: f.maybe, 'not-going': f.not_going },
        attendanceRate: f.going ? Math.round((f.going_attended / f.going) * 1000) / 1000 : null,
      };
    });
  }
}
