import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MemberJoinedV1, MemberRole } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { ConsortiaService } from '../consortia/consortia.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { Member } from './member.entity';

export interface JoinMember {
  organizationId: string;
  displayName: string;
  email: string | null;
  role: MemberRole;
}

@Injectable()
export class MembersService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
    private readonly organizations: OrganizationsService,
  ) {}

  async join(consortiumId: string, input: JoinMember): Promise<Member> {
    await this.consortia.require(consortiumId);
    await this.organizations.requireReference(consortiumId, input.organizationId, 'organizationId');
    const member: Member = { id: randomUUID(), consortiumId, ...input, joinedAt: new Date() };
    return this.db.transaction(async (manager) => {
      if (member.email) {
        const taken = await manager.query(`SELECT 1 FROM members WHERE consortium_id = $1 AND lower(email) = lower($2)`, [consortiumId, member.email]);
        if (taken.length) throw new ConflictException({ message: 'a member with this e-mail already belongs to the consortium', field: 'email' });
      }
      await manager.insert(Member, member);
      // No name or e-mail in the event: they stay in this service.
      await this.outbox.append(manager, {
        definition: MemberJoinedV1,
        consortiumId,
        subject: `member/${member.id}`,
        data: { memberId: member.id, organizationId: member.organizationId, role: member.role, joinedAt: member.joinedAt.toISOString() },
      });
      return member;
    });
  }

  async list(consortiumId: string): Promise<Member[]> {
    await this.consortia.require(consortiumId);
    return this.db.manager.find(Member, { where: { consortiumId }, order: { displayName: 'ASC' } });
  }
}
