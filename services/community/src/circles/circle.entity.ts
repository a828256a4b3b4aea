import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('circles')
export class Circle {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'consortium_id', type: 'uuid' }) consortiumId!: string;
  @Column() name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  /** The prototype (1–3) the circle works on, if any. */
  @Column({ type: 'smallint', nullable: true }) prototype!: 1 | 2 | 3 | null;
  /** The readiness dimension the circle works on, if any. */
  @Column({ name: 'readiness_dimension', type: 'text', nullable: true }) readinessDimension!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
