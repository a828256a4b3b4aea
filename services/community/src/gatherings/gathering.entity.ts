import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GatheringKind } from '@ccndr/contracts';

@Entity('gatherings')
export class Gathering {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'consortium_id', type: 'uuid' }) consortiumId!: string;
  @Column({ type: 'text' }) kind!: GatheringKind;
  @Column() title!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'scheduled_at', type: 'timestamptz' }) scheduledAt!: Date;
}

/** One person present at one gathering (attendance, not registration). */
@Entity('attendance')
export class Attendance {
  @Column({ name: 'consortium_id', type: 'uuid' }) consortiumId!: string;
  @PrimaryColumn({ name: 'gathering_id', type: 'uuid' }) gatheringId!: string;
  @PrimaryColumn({ name: 'member_id', type: 'uuid' }) memberId!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
