import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OfficialLanguage, OrganizationCategory, OrganizationJoinedV1, ProvinceOrTerritory } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { ConsortiaService } from '../consortia/consortia.service';
import { Organization } from './organization.entity';

export interface JoinOrganization {
  name: string;
  category: OrganizationCategory;
  provinceOrTerritory: ProvinceOrTerritory | null;
  country: string;
  preferredLanguage: OfficialLanguage;
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
  ) {}

  async join(consortiumId: string, input: JoinOrganization): Promise<Organization> {
    const organization: Organization = { id: randomUUID(), consortiumId, ...input, joinedAt: new Date() };
    return this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      const taken = await manager.query(`SELECT 1 FROM organizations WHERE consortium_id = $1 AND lower(name) = lower($2)`, [consortiumId, input.name]);
      if (taken.length) throw new ConflictException({ message: 'an organization with this name already takes part in the consortium', field: 'name' });
      await manager.insert(Organization, organization);
      await this.outbox.append(manager, {
        definition: OrganizationJoinedV1,
        consortiumId,
        subject: `organization/${organization.id}`,
        data: {
          organizationId: organization.id,
          category: organization.category,
          provinceOrTerritory: organization.provinceOrTerritory,
          country: organization.country,
          preferredLanguage: organization.preferredLanguage,
          joinedAt: organization.joinedAt.toISOString(),
        },
      });
      return organization;
    });
  }

  async list(consortiumId: string): Promise<Organization[]> {
    await this.consortia.require(consortiumId);
    return this.db.manager.find(Organization, { where: { consortiumId }, order: { name: 'ASC' } });
  }

  /** Fails with 400 naming `field` when the organisation is not part of the consortium. */
  async requireReference(consortiumId: string, organizationId: string, field: string): Promise<Organization> {
    const organization = await this.db.manager.findOneBy(Organization, { consortiumId, id: organizationId });
    if (!organization) throw new BadRequestException({ message: `${field}: no such organization in this consortium`, field });
    return organization;
  }
}
