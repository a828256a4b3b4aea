import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('consortia')
export class Consortium {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'name_fr' }) nameFr!: string;
  @Column({ name: 'name_en' }) nameEn!: string;
  @Column({ name: 'default_language' }) defaultLanguage!: 'fr' | 'en';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
