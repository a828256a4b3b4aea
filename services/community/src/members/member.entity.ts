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
  /** The person's subject at the identity provider (the `sub` of their token), once linked. */
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  /** Free tags (e.g. "data governance", "CRM") for the directory; never published. */
  @Column({ type: 'text', array: true }) expertise!: string[];
  @Column({ name: 'joined_at', type: 'timestamptz' }) joinedAt!: Date;
  @Column({ name: 'left_at', type: 'timestamptz', nullable: true }) leftAt!: Date | null;
}
