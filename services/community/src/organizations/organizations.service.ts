import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MemberLeftV1, OfficialLanguage, OrganizationCategory, OrganizationJoinedV1, OrganizationLeftV1, OrganizationUpdatedV1, ProvinceOrTerritory, say, DomainError, FieldError } from '@ccndr/contracts';
import { fieldsRefused } from '@ccndr/service-kit';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { CirclesService } from '../circles/circles.service';
import { ConsortiaService } from '../consortia/consortia.service';
import {
  activeOrganizationNamed,
  insertOrganization,
  Organization,
  organizationById,
  organizationForUpdate,
  organizationLeft,
  organizationMembersLeft,
  organizationsOf,
  updateOrganization,
} from './organizations.sql';

export interface OrganizationProfile {
  name: string;
  category: OrganizationCategory;
  provinceOrTerritory: ProvinceOrTerritory | null;
  country: string;
  preferredLanguage: OfficialLanguage;
  nameInReports: boolean;
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
      await query(manager, insertOrganization, [organization.id, consortiumId, organization.name, organization.category, organization.provinceOrTerritory, organization.country, organization.preferredLanguage, organization.nameInReports, organization.joinedAt]);
      await this.outbox.append(manager, consortiumId, OrganizationJoinedV1, { organizationId: organization.id, ...this.publicProfile(organization), joinedAt: organization.joinedAt.toISOString() });
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
      await query(manager, updateOrganization, [consortiumId, organizationId, updated.name, updated.category, updated.provinceOrTerritory, updated.country, updated.preferredLanguage, updated.nameInReports]);
      const before = JSON.stringify(this.publicProfile(current));
      // Only what subscribers see is published (the public profile).
      if (JSON.stringify(this.publicProfile(updated)) !== before) {
        await this.outbox.append(manager, consortiumId, OrganizationUpdatedV1, { organizationId, ...this.publicProfile(updated), updatedAt: new Date().toISOString() });
      }
      return updated;
    });
  }

  /** The organisation leaves with its members; attendance and other history stay as they were. */
  async leave(consortiumId: string, organizationId: string): Promise<Organization> {
    return this.db.transaction(async (manager) => {
      const organization = await this.requireActive(manager, consortiumId, organizationId);
      const leftAt = new Date();
      await query(manager, organizationLeft, [consortiumId, organizationId, leftAt]);
      const members = await query(manager, organizationMembersLeft, [consortiumId, organizationId, leftAt]);
      await this.circles.closeMemberships(manager, consortiumId, { memberIds: members.map((m) => m.id) }, leftAt);
      await this.outbox.append(manager, consortiumId, MemberLeftV1, ...members.map((member) => ({ memberId: member.id, organizationId, leftAt: leftAt.toISOString() })));
      await this.outbox.append(manager, consortiumId, OrganizationLeftV1, { organizationId, leftAt: leftAt.toISOString() });
      return { ...organization, leftAt };
    });
  }

  async list(consortiumId: string, includeLeft: boolean): Promise<Organization[]> {
    await this.consortia.require(consortiumId);
    return query(this.db, organizationsOf, [consortiumId, includeLeft]);
  }

  async get(consortiumId: string, organizationId: string): Promise<Organization> {
    const [organization] = await query(this.db, organizationById, [consortiumId, organizationId, false]);
    if (!organization) throw new DomainError('organization.not-found');
    return organization;
  }

  /** Fails with 400 naming `field` when the organisation does not take part in the consortium (now). */
  async requireReference(consortiumId: string, organizationId: string, field: string): Promise<Organization> {
    const [organization] = await query(this.db, organizationById, [consortiumId, organizationId, true]);
    if (!organization) throw new DomainError('organization.unknown', { field, detail: say('no such organization in this consortium', 'aucun organisme de ce nom dans ce consortium') });
    return organization;
  }

  private async requireActive(manager: EntityManager, consortiumId: string, organizationId: string): Promise<Organization> {
    const [organization] = await query(manager, organizationForUpdate, [consortiumId, organizationId]);
    if (!organization) throw new DomainError('organization.not-found');
    if (organization.leftAt) throw new DomainError('organization.left');
    return organization;
  }

  private async ensureNameFree(manager: EntityManager, consortiumId: string, name: string): Promise<void> {
    const taken = await query(manager, activeOrganizationNamed, [consortiumId, name]);
    if (taken.length) throw new DomainError('organization.name-taken', { field: 'name' });
  }

  /**
   * What subscribers see of an organisation: its name only when it consented to be named in reports
   * (an advisor organisation may be one person); withdrawing consent publishes the profile without it.
   */
  private publicProfile(o: Organization) {
    return { category: o.category, provinceOrTerritory: o.provinceOrTerritory, country: o.country, preferredLanguage: o.preferredLanguage, ...(o.nameInReports ? { name: o.name } : {}) };
  }
}
