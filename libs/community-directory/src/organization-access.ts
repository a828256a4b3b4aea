import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { actsForOthers, Principal, signInKey } from '@ccndr/auth';
import { identityLinkKey, SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { say, DomainError } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { activeOrganizationCategory, consortiumKnown, memberBySignInKey } from './organization-access.sql';

export interface ActingMember {
  memberId: string;
  organizationId: string;
}

/**
 * Who may see and act for an organisation's readiness data: its own members (recognised by the
 * sign-in pseudonym community publishes) and the consortium's coordinators.
 */
@Injectable()
export class OrganizationAccess {
  constructor(
    private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async findMember(consortiumId: string, principal: Principal, manager: EntityManager = this.db.manager): Promise<ActingMember | undefined> {
    const [row] = await query(manager, memberBySignInKey, [consortiumId, signInKey(principal.subject, identityLinkKey(this.config))]);
    return row ? { memberId: row.member_id, organizationId: row.organization_id } : undefined;
  }

  /** The member the caller is, or 403. */
  async actingMember(consortiumId: string, principal: Principal, manager?: EntityManager): Promise<ActingMember> {
    const member = await this.findMember(consortiumId, principal, manager);
    if (!member) throw new DomainError('access.not-a-member');
    return member;
  }

  /** Coordinators and the organisation's members see its data; to anyone else it does not exist (404). */
  async ensureCanSee(consortiumId: string, organizationId: string, principal: Principal): Promise<void> {
    if (actsForOthers(principal, consortiumId)) return;
    const member = await this.findMember(consortiumId, principal);
    if (member?.organizationId !== organizationId) throw new DomainError('organization.not-found');
  }

  /** 404 unless the consortium is known from community's events. */
  async requireConsortium(consortiumId: string): Promise<void> {
    const known = await query(this.db, consortiumKnown, [consortiumId]);
    if (!known.length) throw new DomainError('consortium.not-found');
  }

  /** The organisation's category, or 404 when community has not told of it. */
  async organizationCategory(consortiumId: string, organizationId: string): Promise<string> {
    const [row] = await query(this.db, activeOrganizationCategory, [consortiumId, organizationId]);
    if (!row) throw new DomainError('organization.not-found');
    return row.category;
  }

  /** 400 naming `field` unless the organisation takes part in the consortium now (as community told). */
  async requireReference(consortiumId: string, organizationId: string, field: string, manager: EntityManager = this.db.manager): Promise<void> {
    const [row] = await query(manager, activeOrganizationCategory, [consortiumId, organizationId]);
    if (!row) throw new DomainError('organization.unknown', { field, detail: say('no such organization in this consortium', 'aucun organisme de ce nom dans ce consortium') });
  }

  /** Only the organisation's own members act for it. */
  async memberOf(consortiumId: string, organizationId: string, principal: Principal): Promise<ActingMember> {
    const member = await this.actingMember(consortiumId, principal);
    if (member.organizationId !== organizationId) throw new DomainError('access.own-organization-only');
    return member;
  }
}
