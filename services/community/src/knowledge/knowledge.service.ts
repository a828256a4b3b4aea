import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { KnowledgeReactedV1, KnowledgeSharedV1, OfficialLanguage, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { CirclesService } from '../circles/circles.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { MembersService } from '../members/members.service';
import { Member } from '../members/members.sql';
import { circleExists, insertItem, insertReaction, itemById, ItemType, knowledgeItems, Reaction, reactionCounts, threadById } from './knowledge.sql';

export type { ItemType, Reaction };

export interface KnowledgeItem {
  id: string;
  itemType: ItemType;
  threadId: string | null;
  circleId: string | null;
  memberId: string;
  authorName: string;
  organizationId: string;
  title: string | null;
  body: string | null;
  url: string | null;
  language: OfficialLanguage;
  tags: string[];
  involvedOrganizationIds: string[];
  createdAt: Date;
  reactions: Record<Reaction, number>;
  replyCount?: number;
}

interface NewItem {
  itemType: ItemType;
  threadId?: string | null;
  circleId?: string | null;
  title?: string | null;
  body?: string | null;
  url?: string | null;
  language: OfficialLanguage;
  tags?: string[];
}

@Injectable()
export class KnowledgeService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly consortia: ConsortiaService,
    private readonly members: MembersService,
    private readonly circles: CirclesService,
  ) {}

  startThread(consortiumId: string, principal: Principal, input: { circleId: string | null; title: string; body: string; language: OfficialLanguage }) {
    return this.share(consortiumId, principal, { itemType: 'thread', ...input });
  }

  reply(consortiumId: string, principal: Principal, threadId: string, input: { body: string; language: OfficialLanguage }) {
    return this.share(consortiumId, principal, { itemType: 'reply', threadId, ...input });
  }

  shareResource(consortiumId: string, principal: Principal, input: { circleId: string | null; title: string; url: string; language: OfficialLanguage; tags: string[] }) {
    return this.share(consortiumId, principal, { itemType: 'resource', ...input, tags: [...new Set(input.tags.map((t) => t.trim().toLowerCase()))] });
  }

  /** One reaction of each kind per person and item; reacting twice the same way is refused. */
  async react(consortiumId: string, principal: Principal, itemId: string, reaction: Reaction): Promise<{ itemId: string; reaction: Reaction; reactions: Record<Reaction, number> }> {
    await this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      const actor = await this.members.actingMember(consortiumId, principal, manager);
      const [item] = await query(manager, itemById, [consortiumId, itemId]);
      if (!item) throw new DomainError('knowledge.item-not-found');
      await this.ensureCircleMember(manager, consortiumId, item.circle_id, actor);
      const inserted = await query(manager, insertReaction, [consortiumId, itemId, actor.id, reaction]);
      if (!inserted.length) throw new DomainError('knowledge.already-reacted', { field: 'reaction', detail: say(`you already reacted "${reaction}" to this item`, `vous avez déjà réagi «\u00a0${reaction}\u00a0» à cet élément`) });
      const involved = [...new Set([actor.organizationId, item.organization_id])];
      await this.outbox.append(manager, consortiumId, KnowledgeReactedV1, { itemId, itemType: item.item_type, reaction, memberId: actor.id, organizationId: actor.organizationId, involvedOrganizationIds: involved, crossOrganization: involved.length > 1, reactedAt: new Date().toISOString() });
    });
    return { itemId, reaction, reactions: (await this.reactionCounts([itemId])).get(itemId)! };
  }

  async threads(consortiumId: string, circleId?: string): Promise<KnowledgeItem[]> {
    await this.consortia.require(consortiumId);
    return this.items(consortiumId, { itemType: 'thread', circleId });
  }

  async thread(consortiumId: string, threadId: string): Promise<KnowledgeItem & { replies: KnowledgeItem[] }> {
    const [thread] = await this.items(consortiumId, { itemType: 'thread', id: threadId });
    if (!thread) throw new DomainError('knowledge.thread-not-found');
    return { ...thread, replies: await this.items(consortiumId, { itemType: 'reply', threadId }) };
  }

  async resources(consortiumId: string, filter: { circleId?: string; tag?: string; language?: OfficialLanguage }): Promise<KnowledgeItem[]> {
    await this.consortia.require(consortiumId);
    return this.items(consortiumId, { itemType: 'resource', ...filter, tag: filter.tag?.trim().toLowerCase() });
  }

  private async share(consortiumId: string, principal: Principal, input: NewItem): Promise<KnowledgeItem> {
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      await this.consortia.require(consortiumId, manager);
      const actor = await this.members.actingMember(consortiumId, principal, manager);
      let circleId = input.circleId ?? null;
      const involved = [actor.organizationId];
      if (input.threadId) {
        const [thread] = await query(manager, threadById, [consortiumId, input.threadId]);
        if (!thread) throw new DomainError('knowledge.thread-not-found');
        circleId = thread.circle_id;
        involved.push(thread.organization_id);
      }
      await this.ensureCircleMember(manager, consortiumId, circleId, actor);
      const organizations = [...new Set(involved)];
      const createdAt = new Date();
      await query(manager, insertItem, [id, consortiumId, input.itemType, input.threadId ?? null, circleId, actor.id, actor.organizationId, input.title ?? null, input.body ?? null, input.url ?? null, input.language, input.tags ?? [], organizations, createdAt]);
      // Titles, text and links stay here; the event says who shared what kind of thing, between which organisations.
      await this.outbox.append(manager, consortiumId, KnowledgeSharedV1, {
        itemId: id,
        itemType: input.itemType,
        threadId: input.threadId ?? null,
        circleId,
        memberId: actor.id,
        organizationId: actor.organizationId,
        involvedOrganizationIds: organizations,
        crossOrganization: organizations.length > 1,
        language: input.language,
        sharedAt: createdAt.toISOString(),
      });
    });
    const [item] = await this.items(consortiumId, { id });
    return item;
  }

  /** Inside a circle, only its active members share and react. */
  private async ensureCircleMember(manager: EntityManager, consortiumId: string, circleId: string | null, actor: Member): Promise<void> {
    if (!circleId) return;
    const [circle] = await query(manager, circleExists, [consortiumId, circleId]);
    if (!circle) throw new DomainError('circle.not-found');
    if (!(await this.circles.isActiveMember(manager, circleId, actor.id))) throw new DomainError('circle.members-only', { detail: say('only active members of the circle take part in its discussions', 'seuls les membres actifs du cercle prennent part à ses discussions') });
  }

  private async items(consortiumId: string, filter: { id?: string; itemType?: ItemType; threadId?: string; circleId?: string; tag?: string; language?: string }): Promise<KnowledgeItem[]> {
    const rows = await query(this.db, filter.itemType === 'reply' ? knowledgeItems.oldestFirst : knowledgeItems.newestFirst, [
      consortiumId,
      filter.id ?? null,
      filter.itemType ?? null,
      filter.threadId ?? null,
      filter.circleId ?? null,
      filter.tag ?? null,
      filter.language ?? null,
    ]);
    const counts = await this.reactionCounts(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      itemType: r.item_type,
      threadId: r.thread_id,
      circleId: r.circle_id,
      memberId: r.member_id,
      authorName: r.author_name,
      organizationId: r.organization_id,
      title: r.title,
      body: r.body,
      url: r.url,
      language: r.language,
      tags: r.tags,
      involvedOrganizationIds: r.involved_organization_ids,
      createdAt: r.created_at,
      reactions: counts.get(r.id)!,
      ...(r.item_type === 'thread' ? { replyCount: r.reply_count } : {}),
    }));
  }

  private async reactionCounts(itemIds: string[]): Promise<Map<string, Record<Reaction, number>>> {
    const rows = itemIds.length ? await query(this.db, reactionCounts, [itemIds]) : [];
    return new Map(
      itemIds.map((id) => [id, { helpful: 0, insightful: 0, thanks: 0, ...Object.fromEntries(rows.filter((r) => r.item_id === id).map((r) => [r.reaction, r.n])) }]),
    );
  }
}
