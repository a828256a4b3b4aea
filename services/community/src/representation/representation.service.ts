import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { ageBands, DomainError, EventData, GatheringRepresentationSnapshotV1, identityGroups } from '@ccndr/contracts';
import { smallCellThreshold } from '@ccndr/indicators';
import { Outbox, OutboxEvent } from '@ccndr/messaging';
import { ConsortiaService } from '../consortia/consortia.service';
import { MembersService } from '../members/members.service';
import { suppressSmallCells } from './small-cells';

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
      const [row] = await manager.query(
        `INSERT INTO self_identifications (consortium_id, member_id, consented_at, age_band, identity_groups, updated_at)
         VALUES ($1, $2, $3, $4, $5, $3)
         ON CONFLICT (consortium_id, member_id) DO UPDATE SET age_band = excluded.age_band, identity_groups = excluded.identity_groups, updated_at = excluded.updated_at
         RETURNING consented_at, (xmax = 0) AS created`,
        [consortiumId, member.id, now, input.ageBand, [...new Set(input.identityGroups)]],
      );
      if (row.created) await manager.query(`INSERT INTO consent_log (consortium_id, member_id, action, at) VALUES ($1, $2, 'given', $3)`, [consortiumId, member.id, now]);
      return { consentedAt: row.consented_at, ageBand: input.ageBand, identityGroups: [...new Set(input.identityGroups)] };
    });
  }

  async mine(consortiumId: string, principal: Principal) {
    const member = await this.members.actingMember(consortiumId, principal);
    const [row] = await this.db.query(`SELECT consented_at, age_band, identity_groups FROM self_identifications WHERE consortium_id = $1 AND member_id = $2`, [consortiumId, member.id]);
    if (!row) throw new DomainError('representation.not-found');
    return { consentedAt: row.consented_at, ageBand: row.age_band, identityGroups: row.identity_groups };
  }

  /** Withdrawing consent deletes the data: it is left out of every aggregate from now on. */
  async withdraw(consortiumId: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (manager) => {
      const member = await this.members.actingMember(consortiumId, principal, manager);
      const [deleted]: [unknown[], number] = await manager.query(`DELETE FROM self_identifications WHERE consortium_id = $1 AND member_id = $2 RETURNING member_id`, [consortiumId, member.id]);
      if (!deleted.length) throw new DomainError('representation.not-found');
      await manager.query(`INSERT INTO consent_log (consortium_id, member_id, action) VALUES ($1, $2, 'withdrawn')`, [consortiumId, member.id]);
    });
  }

  async ofGathering(consortiumId: string, gatheringId: string): Promise<Representation> {
    const [gathering] = await this.db.query(`SELECT 1 FROM gatherings WHERE consortium_id = $1 AND id = $2`, [consortiumId, gatheringId]);
    if (!gathering) throw new DomainError('gathering.not-found');
    return this.compute(this.db.manager, gatheringId);
  }

  /**
   * The gathering's aggregate, suppressed, as the event to append in the transaction that changed
   * its attendance, with the number of attendees it counted.
   */
  async snapshot(manager: EntityManager, consortiumId: string, gatheringId: string): Promise<{ event: OutboxEvent<typeof GatheringRepresentationSnapshotV1>; attendees: number }> {
    const representation = await this.compute(manager, gatheringId);
    return {
      event: { definition: GatheringRepresentationSnapshotV1, consortiumId, subject: `gathering/${gatheringId}`, data: { ...representation, takenAt: new Date().toISOString() } },
      attendees: representation.attendees,
    };
  }

  private async compute(manager: EntityManager, gatheringId: string): Promise<Representation> {
    const [row]: { attendees: number; self_identified: number; answers: { ageBand: string | null; identityGroups: string[] }[] }[] = await manager.query(
      `SELECT count(*)::int AS attendees, count(s.member_id)::int AS self_identified,
              coalesce(json_agg(json_build_object('ageBand', s.age_band, 'identityGroups', s.identity_groups)) FILTER (WHERE s.member_id IS NOT NULL), '[]') AS answers
       FROM attendance a LEFT JOIN self_identifications s ON s.consortium_id = a.consortium_id AND s.member_id = a.member_id
       WHERE a.gathering_id = $1`,
      [gatheringId],
    );
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
