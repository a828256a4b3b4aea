import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { ageBands, DomainError, EventData, GatheringRepresentationSnapshotV1, identityGroups } from '@ccndr/contracts';
import { smallCellThreshold, suppressSmallCells } from '@ccndr/indicators';
import { Outbox, outgoing, Outgoing } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { ConsortiaService } from '../consortia/consortia.service';
import { gatheringById } from '../gatherings/gatherings.sql';
import { MembersService } from '../members/members.service';
import { consentGiven, consentWithdrawn, deleteSelfIdentification, gatheringSelfIdentifications, saveSelfIdentification, selfIdentificationOf } from './representation.sql';

/** Counts under this many people are never shown: the indicator catalogue's rule. */
export const suppressionThreshold = smallCellThreshold;

export type Representation = Omit<EventData<typeof GatheringRepresentationSnapshotV1>, 'takenAt'>;

@Injectable()
export class RepresentationService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
    private readonly members: MembersService,
  ) {}

  /** The caller records (or replaces) their own self-identification; consent is recorded with its time. */
  async selfIdentify(consortiumId: string, principal: Principal, input: { ageBand: string | null; identityGroups: string[] }) {
    return this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      const member = await this.members.actingMember(consortiumId, principal, manager);
      const now = new Date();
      const [row] = await query(manager, saveSelfIdentification, [consortiumId, member.id, now, input.ageBand, [...new Set(input.identityGroups)]]);
      if (row.created) await query(manager, consentGiven, [consortiumId, member.id, now]);
      return { consentedAt: row.consented_at, ageBand: input.ageBand, identityGroups: [...new Set(input.identityGroups)] };
    });
  }

  async mine(consortiumId: string, principal: Principal) {
    const member = await this.members.actingMember(consortiumId, principal);
    const [row] = await query(this.db, selfIdentificationOf, [consortiumId, member.id]);
    if (!row) throw new DomainError('representation.not-found');
    return { consentedAt: row.consented_at, ageBand: row.age_band, identityGroups: row.identity_groups };
  }

  /** Withdrawing consent deletes the data: it is left out of every aggregate from now on. */
  async withdraw(consortiumId: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (manager) => {
      const member = await this.members.actingMember(consortiumId, principal, manager);
      const deleted = await query(manager, deleteSelfIdentification, [consortiumId, member.id]);
      if (!deleted.length) throw new DomainError('representation.not-found');
      await query(manager, consentWithdrawn, [consortiumId, member.id]);
    });
  }

  async ofGathering(consortiumId: string, gatheringId: string): Promise<Representation> {
    const [gathering] = await query(this.db, gatheringById, [consortiumId, gatheringId]);
    if (!gathering) throw new DomainError('gathering.not-found');
    return this.compute(this.db.manager, gatheringId);
  }

  /**
   * The gathering's aggregate, suppressed, as the event to append in the transaction that changed
   * its attendance; with the number of attendees it counted.
   */
  async snapshot(manager: EntityManager, gatheringId: string): Promise<{ event: Outgoing; attendees: number }> {
    const representation = await this.compute(manager, gatheringId);
    return { event: outgoing(GatheringRepresentationSnapshotV1, { ...representation, takenAt: new Date().toISOString() }), attendees: representation.attendees };
  }

  private async compute(manager: EntityManager, gatheringId: string): Promise<Representation> {
    const [row] = await query(manager, gatheringSelfIdentifications, [gatheringId]);
    const ages = Object.fromEntries(ageBands.map((band) => [band, 0])) as Record<(typeof ageBands)[number], number>;
    const groups = Object.fromEntries(identityGroups.map((group) => [group, 0])) as Record<(typeof identityGroups)[number], number>;
    for (const answer of row.answers) {
      ages[(answer.ageBand ?? 'prefer-not-to-say') as keyof typeof ages]++;
      for (const group of answer.identityGroups) groups[group as keyof typeof groups]++;
    }
    const total = row.self_identified;
    return {
      gatheringId,
      attendees: row.attendees,
      selfIdentified: total < suppressionThreshold ? null : total,
      ageBands: suppressSmallCells(ages, suppressionThreshold, { partitionOfTotal: true, total }),
      identityGroups: suppressSmallCells(groups, suppressionThreshold, { partitionOfTotal: false, total }),
      suppressionThreshold,
    };
  }
}
