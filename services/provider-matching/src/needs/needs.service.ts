import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { actsForOthers, Principal } from '@ccndr/auth';
import { OrganizationAccess } from '@ccndr/community-directory';
import { NeedPostedV1, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { FrameworkDimensions } from '../framework/framework-dimensions';
import { MatchingService } from '../matching/matching.service';

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

/**
 * Who sees a need (`n`): everyone when $2 is true (coordinators), else the staff of the
 * organisation $3 when the need is its own, or when it is a provider that was asked about the
 * need or suggested for it.
 */
const visibleNeed = `($2::boolean OR n.organization_id = $3
  OR EXISTS (SELECT 1 FROM engagements e WHERE e.consortium_id = n.consortium_id AND e.need_id = n.id AND e.provider_id = $3)
  OR EXISTS (SELECT 1 FROM suggestions s WHERE s.consortium_id = n.consortium_id AND s.need_id = n.id AND s.provider_id = $3))`;

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
      const live = await manager.query(`SELECT 1 FROM needs WHERE consortium_id = $1 AND organization_id = $2 AND dimension = $3 AND status IN ('draft', 'open')`, [consortiumId, organizationId, input.dimension]);
      if (live.length) throw new DomainError('need.already-exists', { field: 'dimension' });
      await manager.query(`INSERT INTO needs (id, consortium_id, organization_id, status, origin, dimension) VALUES ($1, $2, $3, 'draft', 'posted', $4)`, [id, consortiumId, organizationId, input.dimension]);
      await this.open(manager, consortiumId, id, input);
    });
    return this.get(consortiumId, id);
  }

  /** The nonprofit confirms a draft derived from its readiness gaps, completing what only it can say. */
  async confirm(consortiumId: string, organizationId: string, needId: string, input: NeedDetails) {
    await this.db.transaction(async (manager) => {
      const [need] = await manager.query(`SELECT status FROM needs WHERE consortium_id = $1 AND organization_id = $2 AND id = $3 FOR UPDATE`, [consortiumId, organizationId, needId]);
      if (!need) throw new DomainError('need.not-found');
      if (need.status !== 'draft') throw new DomainError('need.not-draft', { detail: say(`the need is ${need.status}, not a draft`, `le besoin est ${need.status}, pas une ébauche`) });
      await this.open(manager, consortiumId, needId, input);
    });
    return this.get(consortiumId, needId);
  }

  /** Ranks the providers again (the catalogue or their records changed since). */
  async refreshSuggestions(consortiumId: string, needId: string) {
    await this.db.transaction(async (manager) => {
      const [need] = await manager.query(`SELECT status FROM needs WHERE consortium_id = $1 AND id = $2 FOR UPDATE`, [consortiumId, needId]);
      if (!need) throw new DomainError('need.not-found');
      if (need.status === 'closed') throw new DomainError('need.closed', { field: 'needId' });
      await this.matching.suggest(manager, consortiumId, needId);
    });
    return this.matching.suggestions(consortiumId, needId);
  }

  /** The needs the caller sees (see `visibleNeed`); the others are left out. */
  async list(consortiumId: string, principal: Principal, filter: { organizationId?: string; status?: string }) {
    await this.directory.requireConsortium(consortiumId);
    const rows: any[] = await this.db.query(
      `SELECT n.* FROM needs n WHERE n.consortium_id = $1 AND ${visibleNeed} AND ($4::uuid IS NULL OR n.organization_id = $4) AND ($5::text IS NULL OR n.status = $5)
       ORDER BY n.priority NULLS LAST, n.created_at`,
      [consortiumId, ...(await this.reader(consortiumId, principal)), filter.organizationId ?? null, filter.status ?? null],
    );
    return rows.map(view);
  }

  /** The need, when the caller may see it; to anyone else it does not exist (404). */
  async visible(consortiumId: string, needId: string, principal: Principal) {
    const [row] = await this.db.query(`SELECT n.* FROM needs n WHERE n.consortium_id = $1 AND n.id = $4 AND ${visibleNeed}`, [consortiumId, ...(await this.reader(consortiumId, principal)), needId]);
    if (!row) throw new DomainError('need.not-found');
    return view(row);
  }

  /** Whether the caller sees every need, and the organisation they see needs through. */
  private async reader(consortiumId: string, principal: Principal): Promise<[boolean, string]> {
    if (actsForOthers(principal, consortiumId)) return [true, noOrganization];
    return [false, (await this.directory.findMember(consortiumId, principal))?.organizationId ?? noOrganization];
  }

  async get(consortiumId: string, needId: string) {
    const [row] = await this.db.query(`SELECT * FROM needs WHERE consortium_id = $1 AND id = $2`, [consortiumId, needId]);
    if (!row) throw new DomainError('need.not-found');
    return view(row);
  }

  private async open(manager: EntityManager, consortiumId: string, needId: string, input: NeedDetails): Promise<void> {
    const postedAt = new Date();
    const [[need]] = await manager.query(
      `UPDATE needs SET status = 'open', description = $2, language = $3, budget_max = $4, starts_on = $5, ends_on = $6, staff_hours_per_week = $7, posted_at = $8
       WHERE id = $1 RETURNING *`,
      [needId, input.description, input.language, input.budgetMax, input.startsOn, input.endsOn, input.staffHoursPerWeek, postedAt],
    );
    await this.outbox.append(manager, {
      definition: NeedPostedV1,
      consortiumId,
      subject: `need/${needId}`,
      data: {
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
      },
    });
    await this.matching.suggest(manager, consortiumId, needId, postedAt);
  }
}

function view(r: any) {
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
