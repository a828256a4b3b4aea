import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GatheringAttendanceRecordedV1, GatheringKind, GatheringScheduledV1 } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { ConsortiaService } from '../consortia/consortia.service';
import { Attendance, Gathering } from './gathering.entity';

export interface AttendanceResult {
  gatheringId: string;
  /** Members newly recorded by this request. */
  recorded: string[];
  /** Members who were already recorded (left as they were). */
  alreadyRecorded: string[];
  attendeeCount: number;
}

@Injectable()
export class GatheringsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
  ) {}

  async schedule(consortiumId: string, input: { kind: GatheringKind; title: string; startsAt: string }): Promise<Gathering> {
    const gathering: Gathering = { id: randomUUID(), consortiumId, kind: input.kind, title: input.title, startsAt: new Date(input.startsAt), scheduledAt: new Date() };
    return this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      await manager.insert(Gathering, gathering);
      await this.outbox.append(manager, {
        definition: GatheringScheduledV1,
        consortiumId,
        subject: `gathering/${gathering.id}`,
        data: { gatheringId: gathering.id, kind: gathering.kind, startsAt: gathering.startsAt.toISOString(), scheduledAt: gathering.scheduledAt.toISOString() },
      });
      return gathering;
    });
  }

  async list(consortiumId: string): Promise<Gathering[]> {
    await this.consortia.require(consortiumId);
    return this.db.manager.find(Gathering, { where: { consortiumId }, order: { startsAt: 'ASC' } });
  }

  async get(consortiumId: string, gatheringId: string): Promise<Gathering & { attendeeCount: number }> {
    const gathering = await this.db.manager.findOneBy(Gathering, { consortiumId, id: gatheringId });
    if (!gathering) throw new NotFoundException('gathering not found');
    const attendeeCount = await this.db.manager.countBy(Attendance, { gatheringId });
    return { ...gathering, attendeeCount };
  }

  /**
   * Records who attended. Idempotent per person: members already recorded are reported and left
   * alone; only newly recorded people appear in the event. Unknown members fail the whole request.
   */
  async recordAttendance(consortiumId: string, gatheringId: string, memberIds: string[]): Promise<AttendanceResult> {
    const unique = [...new Set(memberIds)];
    return this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      const [gathering] = await manager.query(`SELECT id, kind FROM gatherings WHERE consortium_id = $1 AND id = $2 FOR UPDATE`, [consortiumId, gatheringId]);
      if (!gathering) throw new NotFoundException('gathering not found');
      const members: { id: string; organization_id: string }[] = await manager.query(
        `SELECT id, organization_id FROM members WHERE consortium_id = $1 AND id = ANY($2::uuid[]) AND left_at IS NULL`,
        [consortiumId, unique],
      );
      const unknown = unique.filter((id) => !members.some((m) => m.id === id));
      if (unknown.length) {
        throw new BadRequestException({ message: `memberIds: not members of this consortium: ${unknown.join(', ')}`, field: 'memberIds', unknownMemberIds: unknown });
      }
      const inserted: { member_id: string }[] = await manager.query(
        `INSERT INTO attendance (consortium_id, gathering_id, member_id)
         SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING RETURNING member_id`,
        [consortiumId, gatheringId, unique],
      );
      const recorded = inserted.map((row) => row.member_id);
      if (recorded.length) {
        await this.outbox.append(manager, {
          definition: GatheringAttendanceRecordedV1,
          consortiumId,
          subject: `gathering/${gatheringId}`,
          data: {
            gatheringId,
            gatheringKind: gathering.kind,
            attendees: recorded.map((memberId) => ({ memberId, organizationId: members.find((m) => m.id === memberId)!.organization_id })),
            recordedAt: new Date().toISOString(),
          },
        });
      }
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM attendance WHERE gathering_id = $1`, [gatheringId]);
      return { gatheringId, recorded, alreadyRecorded: unique.filter((id) => !recorded.includes(id)), attendeeCount: count };
    });
  }
}
