import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { isPlatformAdmin, Principal } from '@ccndr/auth';
import { ConsortiumCreatedV1, OfficialLanguage, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { Consortium } from './consortium.entity';

@Injectable()
export class ConsortiaService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async create(input: { name: { fr: string; en: string }; defaultLanguage: OfficialLanguage }): Promise<Consortium> {
    const consortium: Consortium = { id: randomUUID(), nameFr: input.name.fr, nameEn: input.name.en, defaultLanguage: input.defaultLanguage, createdAt: new Date() };
    await this.db.transaction(async (manager) => {
      await manager.insert(Consortium, consortium);
      await this.outbox.append(manager, {
        definition: ConsortiumCreatedV1,
        consortiumId: consortium.id,
        subject: `consortium/${consortium.id}`,
        data: { consortiumId: consortium.id, defaultLanguage: consortium.defaultLanguage, createdAt: consortium.createdAt.toISOString() },
      });
    });
    return consortium;
  }

  listVisibleTo(principal: Principal): Promise<Consortium[]> {
    const where = isPlatformAdmin(principal) ? {} : { id: In(Object.keys(principal.consortia)) };
    return this.db.manager.find(Consortium, { where, order: { createdAt: 'ASC' } });
  }

  /** The consortium, or 404: every consortium route starts here. */
  async require(consortiumId: string, manager: EntityManager = this.db.manager): Promise<Consortium> {
    const consortium = await manager.findOneBy(Consortium, { id: consortiumId });
    if (!consortium) throw new DomainError('consortium.not-found');
    return consortium;
  }
}
