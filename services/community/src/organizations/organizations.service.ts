import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { MemberLeftV1, OfficialLanguage, OrganizationCategory, OrganizationJoinedV1, OrganizationLeftV1, OrganizationUpdatedV1, ProvinceOrTerritory, say, DomainError, FieldError } from '@ccndr/contracts';
import { fieldsRefused } from '@ccndr/service-kit';
import { Outbox } from '@ccndr/messaging';
import { CirclesService } from '../circles/circles.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { Organization } from './organization.entity';

export interface OrganizationProfile {
  name: string;
  category: OrganizationCategory;
  provinceOrTerritory: ProvinceOrTerritory | null;
  country: string;
  preferredLanguage: OfficialLanguage;
}

/** Canadian organisations name their province or territory; others do not. */
export function locationProblem(profile: Pick<OrganizationProfile, 'country' | 'provinceOrTerritory'>): FieldError | undefined {
  const field = 'provinceOrTerritory';
  if (profile.country === 'CA' && !profile.provinceOrTerritory) return { code: 'organization.province-required', field, detail: say('is required for an organization in Canada', 'est obligatoire pour un organisme au Canada') };
  if (profile.country !== 'CA' && profile.provinceOrTerritory) return { code: 'organization.province-outside-canada', field, detail: say('applies only to organizations in Canada', 'ne s’applique qu’aux organismes au Canada') };
  return undefined;
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
    private readonly circles: CirclesService,
  ) {}

  async join(consortiumId: string, input: OrganizationProfile): Promise<Organization> {
    const organization: Organization = { id: randomUUID(), consortiumId, ...input, joinedAt: new Date(), leftAt: null };
    return this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      await this.ensureNameFree(manager, consortiumId, input.name);
      await manager.insert(Organization, organization);
      await this.outbox.append(manager, {
        definition: OrganizationJoinedV1,
        consortiumId,
        subject: `organization/${organization.id}`,
        data: { organizationId: organization.id, ...this.publicProfile(organization), joinedAt: organization.joinedAt.toISOString() },
      });
      return organization;
    });
  }

  async update(consortiumId: string, organizationId: string, changes: Partial<OrganizationProfile>): Promise<Organization> {
    return this.db.transaction(async (manager) => {
      const current = await this.requireActive(manager, consortiumId, organizationId);
      const updated: Organization = { ...current, ...changes };
      const problem = locationProblem(updated);
      if (problem) throw fieldsRefused([problem]);
      if (changes.name && changes.name.toLowerCase() !== current.name.toLowerCase()) await this.ensureNameFree(manager, consortiumId, changes.name);
      await manager.update(Organization, { id: organizationId }, changes);
      const before = JSON.stringify(this.publicProfile(current));
      // Only what subscribers see is published: a new name alone is not an event.
      if (JSON.stringify(this.publicProfile(updated)) !== before) {
        await this.outbox.append(manager, {
          definition: OrganizationUpdatedV1,
          consortiumId,
          subject: `organization/${organizationId}`,
          data: { organizationId, ...this.publicProfile(updated), updatedAt: new Date().toISOString() },
        });
      }
      return updated;
    });
  }

  /** The organisation leaves with its members; attendance and other history stay as they were. */
  async leave(consortiumId: string, organizationId: string): Promise<Organization> {
    return this.db.transaction(async (manager) => {
      const organization = await this.requireActive(manager, consortiumId, organizationId);
      const leftAt = new Date();
      await manager.update(Organization, { id: organizationId }, { leftAt });
      // UPDATE … RETURNING answers [rows, count] through TypeORM.
      const [members]: [{ id: string }[], number] = await manager.query(
        `UPDATE members SET left_at = $3 WHERE consortium_id = $1 AND organization_id = $2 AND left_at IS NULL RETURNING id`,
        [consortiumId, organizationId, leftAt],
      );
      await this.circles.closeMemberships(manager, consortiumId, { memberIds: members.map((m) => m.id) }, leftAt);
      await this.outbox.append(
        manager,
        ...members.map((member) => ({
          definition: MemberLeftV1,
          consortiumId,
          subject: `member/${member.id}`,
          data: { memberId: member.id, organizationId, leftAt: leftAt.toISOString() },
        })),
      );
      await this.outbox.append(manager, {
        definition: OrganizationLeftV1,
        consortiumId,
        subject: `organization/${organizationId}`,
        data: { organizationId, leftAt: leftAt.toISOString() },
      });
      return { ...organization, leftAt };
    });
  }

  async list(consortiumId: string, includeLeft: boolean): Promise<Organization[]> {
    await this.consortia.require(consortiumId);
    return this.db.manager.find(Organization, { where: { consortiumId, ...(includeLeft ? {} : { leftAt: IsNull() }) }, order: { name: 'ASC' } });
  }

  async get(consortiumId: string, organizationId: string): Promise<Organization> {
    const organization = await this.db.manager.findOneBy(Organization, { consortiumId, id: organizationId });
    if (!organization) throw new DomainError('organization.not-found');
    return organization;
  }

  /** Fails with 400 naming `field` when the organisation does not take part in the consortium (now). */
  async requireReference(consortiumId: string, organizationId: string, field: string): Promise<Organization> {
    const organization = await this.db.manager.findOneBy(Organization, { consortiumId, id: organizationId, leftAt: IsNull() });
    if (!organization) throw new DomainError('organization.unknown', { field, detail: say('no such organization in this consortium', 'aucun organisme de ce nom dans ce consortium') });
    return organization;
  }

  private async requireActive(manager: EntityManager, consortiumId: string, organizationId: string): Promise<Organization> {
    const organization = await manager.findOne(Organization, { where: { consortiumId, id: organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!organization) throw new DomainError('organization.not-found');
    if (organization.leftAt) throw new DomainError('organization.left');
    return organization;
  }

  private async ensureNameFree(manager: EntityManager, consortiumId: string, name: string): Promise<void> {
    const taken = await manager.query(`SELECT 1 FROM organizations WHERE consortium_id = $1 AND lower(name) = lower($2) AND left_at IS NULL`, [consortiumId, name]);
    if (taken.length) throw new DomainError('organization.name-taken', { field: 'name' });
  }

  private publicProfile(o: Organization) {
    return { category: o.category, provinceOrTerritory: o.provinceOrTerritory, country: o.country, preferredLanguage: o.preferredLanguage };
  }
}
