import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { GatheringKind, RegistrationResponse } from '@ccndr/contracts';

@Entity('gatherings')
export class Gathering {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'consortium_id', type: 'uuid' }) consortiumId!: string;
  @Column({ type: 'text' }) kind!: GatheringKind;
  @Column() title!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  /** Seats for people registered as going; null when unlimited. */
  @Column({ type: 'integer', nullable: true }) capacity!: number | null;
  @Column({ name: 'scheduled_at', type: 'timestamptz' }) scheduledAt!: Date;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
}

/** A member's answer to the invitation (going, maybe, not going): registration, not attendance. */
@Entity('registrations')
export class Registration {
  @Column({ name: 'consortium_id', type: 'uuid' }) consortiumId!: string;
  @PrimaryColumn({ name: 'gathering_id', type: 'uuid' }) gatheringId!: string;
  @PrimaryColumn({ name: 'member_id', type: 'uuid' }) memberId!: string;
  @Column({ type: 'text' }) response!: RegistrationResponse;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One person present at one gathering (attendance, not registration). */
@Entity('attendance')
export class Attendance {
  @Column({ name: 'consortium_id', type: 'uuid' }) consortiumId!: string;
  @PrimaryColumn({ name: 'gathering_id', type: 'uuid' }) gatheringId!: string;
  @PrimaryColumn({ name: 'member_id', type: 'uuid' }) memberId!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
