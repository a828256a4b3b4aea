import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberRole } from '@ccndr/contracts';

@Entity('members')
export class Member {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'consortium_id', type: 'uuid' }) consortiumId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'display_name' }) displayName!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text' }) role!: MemberRole;
  @Column({ name: 'joined_at', type: 'timestamptz' }) joinedAt!: Date;
}
