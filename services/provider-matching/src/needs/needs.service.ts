import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { actsForOthers, Principal } from '@ccndr/auth';
import { OrganizationAccess } from '@ccndr/community-directory';
import { NeedPostedV1, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { FrameworkDimensions } from '../framework/framework-dimensions';
import { MatchingService } from '../matching/matching.service';
import { insertPostedNeed, liveNeedFor, needById, NeedRow, needStatusForUpdate, openNeed, visibleNeedById, visibleNeeds } from './needs.sql';

export interface NeedDetails {
  description: string;
  language: 'fr' | 'en';
  budgetMax: number | null;
  startsOn: string | null;
  endsOn: string | null;
  staffHoursPerWeek: number;
}

/** Stands for "no organisation" when the caller is linked to none: it matches no need. */
const noOrganization = '00000000-0000-0000-0000-000000000000';

@Injectable()
export class NeedsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly directory: OrganizationAccess,
    private readonly matching: MatchingService,
    private readonly framework: FrameworkDimensions,
  ) {}

  /** A nonprofit posts a need directly, for an organisation taking part in the consortium. */
  async post(consortiumId: string, organizationId: string, input: NeedDetails & { dimension: string }) {
    await this.directory.requireConsortium(consortiumId);
    await this.directory.requireReference(consortiumId, organizationId, 'organizationId');
    await this.framework.require(consortiumId, [input.dimension], () => 'dimension');
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      const live = await query(manager, liveNeedFor, [consortiumId, organizationId, input.dimension]);
      if (live.length) throw new DomainError('need.already-exists', { field: 'dimension' });
      await query(manager, insertPostedNeed, [id, consortiumId, organizationId, input.dimension]);
      await this.open(manager, consortiumId, id, input);
    });
    return this.get(consortiumId, id);
  }

  /** The nonprofit confirms a draft derived from its readiness gaps, completing what only it can say. */
  async confirm(consortiumId: string, organizationId: string, needId: string, input: NeedDetails) {
    await this.db.transaction(async (manager) => {
      const [need] = await query(manager, needStatusForUpdate, [consortiumId, needId, organizationId]);
      if (!need) throw new DomainError('need.not-found');
      if (need.status !== 'draft') throw new DomainError('need.not-draft', { detail: say(`the need is ${need.status}, not a draft`, `le besoin est ${need.status}, pas une ébauche`) });
      await this.open(manager, consortiumId, needId, input);
    });
    return this.get(consortiumId, needId);
  }

  /** Ranks the providers again (the catalogue or their records changed since). */
  async refreshSuggestions(consortiumId: string, needId: string) {
    await this.db.transaction(async (manager) => {
      const [need] = await query(manager, needStatusForUpdate, [consortiumId, needId, null]);
      if (!need) throw new DomainError('need.not-found');
      if (need.status === 'closed') throw new DomainError('need.closed', { field: 'needId' });
      await this.matching.suggest(manager, consortiumId, needId);
    });
    return this.matching.suggestions(consortiumId, needId);
  }

  /** The needs the caller sees (see `visibleNeeds`); the others are left out. */
  async list(consortiumId: string, principal: Principal, filter: { organizationId?: string; status?: string }) {
    await this.directory.requireConsortium(consortiumId);
    const rows = await query(this.db, visibleNeeds, [consortiumId, ...(await this.reader(consortiumId, principal)), filter.organizationId ?? null, filter.status ?? null]);
    return rows.map(view);
  }

  /** The need, when the caller may see it; to anyone else it does not exist (404). */
  async visible(consortiumId: string, needId: string, principal: Principal) {
    const [row] = await query(this.db, visibleNeedById, [consortiumId, ...(await this.reader(consortiumId, principal)), needId]);
    if (!row) throw new DomainError('need.not-found');
    return view(row);
  }

  /** Whether the caller sees every need, and the organisation they see needs through. */
  private async reader(consortiumId: string, principal: Principal): Promise<[boolean, string]> {
    if (actsForOthers(principal, consortiumId)) return [true, noOrganization];
    return [false, (await this.directory.findMember(consortiumId, principal))?.organizationId ?? noOrganization];
  }

  async get(consortiumId: string, needId: string) {
    const [row] = await query(this.db, needById, [consortiumId, needId]);
    if (!row) throw new DomainError('need.not-found');
    return view(row);
  }

  private async open(manager: EntityManager, consortiumId: string, needId: string, input: NeedDetails): Promise<void> {
    const postedAt = new Date();
    const [need] = await query(manager, openNeed, [needId, input.description, input.language, input.budgetMax, input.startsOn, input.endsOn, input.staffHoursPerWeek, postedAt]);
    await this.outbox.append(manager, consortiumId, NeedPostedV1, {
      needId,
      organizationId: need.organization_id,
      origin: need.origin,
      assessmentId: need.assessment_id,
      dimension: need.dimension,
      currentStage: need.current_stage,
      targetStage: need.target_stage,
      language: input.language,
      budgetMax: input.budgetMax,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      staffHoursPerWeek: input.staffHoursPerWeek,
      postedAt: postedAt.toISOString(),
    });
    await this.matching.suggest(manager, consortiumId, needId, postedAt);
  }
}

function view(r: NeedRow) {
  return {
    id: r.id,
    organizationId: r.organization_id,
    status: r.status,
    origin: r.origin,
    assessmentId: r.assessment_id,
    dimension: r.dimension,
    currentStage: r.current_stage,
    targetStage: r.target_stage,
    priority: r.priority,
    description: r.description,
    language: r.language,
    budgetMax: r.budget_max === null ? null : Number(r.budget_max),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    staffHoursPerWeek: r.staff_hours_per_week === null ? null : Number(r.staff_hours_per_week),
    createdAt: r.created_at,
    postedAt: r.posted_at,
  };
}
