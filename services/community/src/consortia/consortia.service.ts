import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isPlatformAdmin, Principal } from '@ccndr/auth';
import { ConsortiumCreatedV1, OfficialLanguage, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { Consortium, consortiaVisible, consortiumById, insertConsortium } from './consortia.sql';

@Injectable()
export class ConsortiaService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async create(input: { name: { fr: string; en: string }; defaultLanguage: OfficialLanguage }): Promise<Consortium> {
    const consortium: Consortium = { id: randomUUID(), nameFr: input.name.fr, nameEn: input.name.en, defaultLanguage: input.defaultLanguage, createdAt: new Date() };
    await this.db.transaction(async (manager) => {
      await query(manager, insertConsortium, [consortium.id, consortium.nameFr, consortium.nameEn, consortium.defaultLanguage, consortium.createdAt]);
      await this.outbox.append(manager, consortium.id, ConsortiumCreatedV1, { consortiumId: consortium.id, defaultLanguage: consortium.defaultLanguage, createdAt: consortium.createdAt.toISOString(), name: input.name });
    });
    return consortium;
  }

  listVisibleTo(principal: Principal): Promise<Consortium[]> {
    return query(this.db, consortiaVisible, [isPlatformAdmin(principal), Object.keys(principal.consortia)]);
  }

  /** The consortium, or 404: every consortium route starts here. */
  async require(consortiumId: string, manager: EntityManager = this.db.manager): Promise<Consortium> {
    const [consortium] = await query(manager, consortiumById, [consortiumId]);
    if (!consortium) throw new DomainError('consortium.not-found');
    return consortium;
  }
}
