import { Inject, Injectable } from '@nestjs/common';
import { actsForOthers, Principal, signInKey } from '@ccndr/auth';
import { identityLinkKey, SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MemberJoinedV1, MemberLeftV1, MemberRole, MemberUpdatedV1, OrganizationCategory, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { CirclesService } from '../circles/circles.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { activeMemberWithEmail, insertMember, Member, memberDirectory, memberForUpdate, memberLeft, memberSignedInAs, updateMember } from './members.sql';

export interface MemberProfile {
  organizationId: string;
  displayName: string;
  email: string | null;
  role: MemberRole;
  expertise: string[];
  subject: string | null;
}

export interface DirectoryQuery {
  q?: string;
  organizationId?: string;
  category?: OrganizationCategory;
  provinceOrTerritory?: string;
  expertise?: string;
  includeLeft: boolean;
}

/**
 * A directory entry: the member with the organisation they act for. Contact details (e-mail and
 * sign-in subject) are left out, unless the reader is a coordinator or the member themself.
 */
export type DirectoryEntry = Omit<Member, 'email' | 'subject'> &
  Partial<Pick<Member, 'email' | 'subject'>> & { organization: { name: string; category: OrganizationCategory; provinceOrTerritory: string | null } };

@Injectable()
export class MembersService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
    private readonly organizations: OrganizationsService,
    private readonly circles: CirclesService,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The member's sign-in pseudonym as published in events. */
  private signInKeyOf(subject: string | null): string | null {
    return subject ? signInKey(subject, identityLinkKey(this.config)) : null;
  }

  async join(consortiumId: string, input: MemberProfile): Promise<Member> {
    await this.consortia.require(consortiumId);
    await this.organizations.requireReference(consortiumId, input.organizationId, 'organizationId');
    const member: Member = { id: randomUUID(), consortiumId, ...input, expertise: normalizeTags(input.expertise), joinedAt: new Date(), leftAt: null };
    return this.db.transaction(async (manager) => {
      await this.ensureEmailFree(manager, consortiumId, member.email);
      await this.ensureSubjectFree(manager, consortiumId, member.subject);
      await query(manager, insertMember, [member.id, consortiumId, member.organizationId, member.displayName, member.email, member.role, member.subject, member.expertise, member.joinedAt]);
      // No name, e-mail or expertise in the event; the sign-in subject only as its keyed pseudonym.
      await this.outbox.append(manager, consortiumId, MemberJoinedV1, { memberId: member.id, organizationId: member.organizationId, role: member.role, joinedAt: member.joinedAt.toISOString(), signInKey: this.signInKeyOf(member.subject) });
      return member;
    });
  }

  async update(consortiumId: string, memberId: string, changes: Partial<MemberProfile>): Promise<Member> {
    if (changes.organizationId) await this.organizations.requireReference(consortiumId, changes.organizationId, 'organizationId');
    return this.db.transaction(async (manager) => {
      const current = await this.requireActive(manager, consortiumId, memberId);
      const updated: Member = { ...current, ...changes, ...(changes.expertise ? { expertise: normalizeTags(changes.expertise) } : {}) };
      if (changes.email !== undefined && changes.email?.toLowerCase() !== current.email?.toLowerCase()) await this.ensureEmailFree(manager, consortiumId, updated.email);
      if (changes.subject !== undefined && changes.subject !== current.subject) await this.ensureSubjectFree(manager, consortiumId, updated.subject);
      await query(manager, updateMember, [consortiumId, memberId, updated.organizationId, updated.displayName, updated.email, updated.role, updated.expertise, updated.subject]);
      if (updated.role !== current.role || updated.organizationId !== current.organizationId || updated.subject !== current.subject) {
        await this.outbox.append(manager, consortiumId, MemberUpdatedV1, { memberId, organizationId: updated.organizationId, role: updated.role, updatedAt: new Date().toISOString(), signInKey: this.signInKeyOf(updated.subject) });
      }
      return updated;
    });
  }

  /** The person leaves (and their circles); attendance already recorded keeps counting. */
  async leave(consortiumId: string, memberId: string): Promise<Member> {
    return this.db.transaction(async (manager) => {
      const member = await this.requireActive(manager, consortiumId, memberId);
      const leftAt = new Date();
      await query(manager, memberLeft, [consortiumId, memberId, leftAt]);
      await this.circles.closeMemberships(manager, consortiumId, { memberIds: [memberId] }, leftAt);
      await this.outbox.append(manager, consortiumId, MemberLeftV1, { memberId, organizationId: member.organizationId, leftAt: leftAt.toISOString() });
      return { ...member, leftAt };
    });
  }

  async get(consortiumId: string, memberId: string, reader: Principal): Promise<DirectoryEntry> {
    const [entry] = await this.search(consortiumId, { includeLeft: true }, memberId);
    if (!entry) throw new DomainError('member.not-found');
    return withContactsFor(reader, consortiumId, entry);
  }

  /** The member directory: search by name, organisation, category, province or territory, expertise. */
  async directory(consortiumId: string, query: DirectoryQuery, reader: Principal): Promise<DirectoryEntry[]> {
    await this.consortia.require(consortiumId);
    return (await this.search(consortiumId, query)).map((entry) => withContactsFor(reader, consortiumId, entry));
  }

  private async search(consortiumId: string, filter: DirectoryQuery, memberId?: string): Promise<(Member & DirectoryEntry)[]> {
    const rows = await query(this.db, memberDirectory, [
      consortiumId,
      memberId ?? null,
      filter.includeLeft,
      filter.q ? escapeLike(filter.q) : null,
      filter.organizationId ?? null,
      filter.category ?? null,
      filter.provinceOrTerritory ?? null,
      filter.expertise ? normalizeTags([filter.expertise])[0] : null,
    ]);
    return rows.map((r) => ({
      id: r.id,
      consortiumId: r.consortium_id,
      organizationId: r.organization_id,
      displayName: r.display_name,
      email: r.email,
      role: r.role,
      subject: r.subject,
      expertise: r.expertise,
      joinedAt: r.joined_at,
      leftAt: r.left_at,
      organization: { name: r.organization_name, category: r.category, provinceOrTerritory: r.province_or_territory },
    }));
  }

  private async requireActive(manager: EntityManager, consortiumId: string, memberId: string): Promise<Member> {
    const [member] = await query(manager, memberForUpdate, [consortiumId, memberId]);
    if (!member) throw new DomainError('member.not-found');
    if (member.leftAt) throw new DomainError('member.left');
    return member;
  }

  /** The active member the caller signs in as, or 403: sharing and reacting are done in one's own name. */
  async actingMember(consortiumId: string, principal: Principal, manager: EntityManager = this.db.manager): Promise<Member> {
    const [member] = await query(manager, memberSignedInAs, [consortiumId, principal.subject]);
    if (!member) throw new DomainError('access.not-a-member');
    return member;
  }

  /**
   * Coordinators act for any member; anyone else only for themself (the member profile their
   * sign-in is linked to), or 403: registering, joining and leaving circles in another's name.
   */
  async ensureActsFor(consortiumId: string, principal: Principal, memberId: string, manager: EntityManager = this.db.manager): Promise<void> {
    if (actsForOthers(principal, consortiumId)) return;
    const self = await this.actingMember(consortiumId, principal, manager);
    if (self.id !== memberId) throw new DomainError('access.self-only', { field: 'memberId', detail: say('you act only for yourself; coordinators act for other members', 'vous n’agissez que pour vous-même\u00a0; la coordination agit pour les autres membres') });
  }

  private async ensureSubjectFree(manager: EntityManager, consortiumId: string, subject: string | null): Promise<void> {
    if (!subject) return;
    const taken = await query(manager, memberSignedInAs, [consortiumId, subject]);
    if (taken.length) throw new DomainError('member.sign-in-taken', { field: 'subject' });
  }

  private async ensureEmailFree(manager: EntityManager, consortiumId: string, email: string | null): Promise<void> {
    if (!email) return;
    const taken = await query(manager, activeMemberWithEmail, [consortiumId, email]);
    if (taken.length) throw new DomainError('member.email-taken', { field: 'email' });
  }
}

/** The entry as `reader` may see it: contact details only for coordinators and the member themself. */
function withContactsFor(reader: Principal, consortiumId: string, entry: Member & DirectoryEntry): DirectoryEntry {
  if (actsForOthers(reader, consortiumId) || (entry.subject !== null && entry.subject === reader.subject)) return entry;
  const { email: _email, subject: _subject, ...rest } = entry;
  return rest;
}

/** Expertise tags compare case-insensitively and without surrounding spaces. */
function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
