import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OfficialLanguage, OrganizationCategory, ProvinceOrTerritory } from '@ccndr/contracts';

@Entity('organizations')
export class Organization {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'consortium_id', type: 'uuid' }) consortiumId!: string;
  @Column() name!: string;
  @Column({ type: 'text' }) category!: OrganizationCategory;
  @Column({ name: 'province_or_territory', type: 'text', nullable: true }) provinceOrTerritory!: ProvinceOrTerritory | null;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ name: 'preferred_language', type: 'text' }) preferredLanguage!: OfficialLanguage;
  @Column({ name: 'joined_at', type: 'timestamptz' }) joinedAt!: Date;
  @Column({ name: 'left_at', type: 'timestamptz', nullable: true }) leftAt!: Date | null;
}
