import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationAccess } from '@ccndr/community-directory';
import { NeedPostedV1, say } from '@ccndr/contracts';
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

@Injectable()
export class NeedsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly directory: OrganizationAccess,
    private readonly matching: MatchingService,
    private readonly framework: FrameworkDimensions,
  ) {}

  /** A nonprofit posts a need directly. */
  async post(consortiumId: string, organizationId: string, input: NeedDetails & { dimension: string }) {
    await this.directory.requireConsortium(consortiumId);
    await this.framework.require(consortiumId, [input.dimension], () => 'dimension');
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      const live = await manager.query(`SELECT 1 FROM needs WHERE consortium_id = $1 AND organization_id = $2 AND dimension = $3 AND status IN ('draft', 'open')`, [consortiumId, organizationId, input.dimension]);
      if (live.length) throw new ConflictException({ message: say('dimension: the organization already has a need for this dimension (confirm or update it)', 'dimension : l’organisme a déjà un besoin pour cette dimension (confirmez-le ou mettez-le à jour)'), field: 'dimension' });
      await manager.query(`INSERT INTO needs (id, consortium_id, organization_id, status, origin, dimension) VALUES ($1, $2, $3, 'draft', 'posted', $4)`, [id, consortiumId, organizationId, input.dimension]);
      await this.open(manager, consortiumId, id, input);
    });
    return this.get(consortiumId, id);
  }

  /** The nonprofit confirms a draft derived from its readiness gaps, completing what only it can say. */
  async confirm(consortiumId: string, organizationId: string, needId: string, input: NeedDetails) {
    await this.db.transaction(async (manager) => {
      const [need] = await manager.query(`SELECT status FROM needs WHERE consortium_id = $1 AND organization_id = $2 AND id = $3 FOR UPDATE`, [consortiumId, organizationId, needId]);
      if (!need) throw new NotFoundException(say('need not found', 'besoin introuvable'));
      if (need.status !== 'draft') throw new ConflictException(say(`the need is ${need.status}, not a draft`, `le besoin est ${need.status}, pas une ébauche`));
      await this.open(manager, consortiumId, needId, input);
    });
    return this.get(consortiumId, needId);
  }

  /** Ranks the providers again (the catalogue or their records changed since). */
  async refreshSuggestions(consortiumId: string, needId: string) {
    await this.db.transaction(async (manager) => {
      const [need] = await manager.query(`SELECT status FROM needs WHERE consortium_id = $1 AND id = $2 FOR UPDATE`, [consortiumId, needId]);
      if (!need) throw new NotFoundException(say('need not found', 'besoin introuvable'));
      if (need.status === 'closed') throw new ConflictException({ message: say('needId: the need is closed', 'needId : le besoin est fermé'), field: 'needId' });
      await this.matching.suggest(manager, consortiumId, needId);
    });
    return this.matching.suggestions(consortiumId, needId);
  }

  async list(consortiumId: string, filter: { organizationId?: string; status?: string }) {
    await this.directory.requireConsortium(consortiumId);
    const rows: any[] = await this.db.query(
      `SELECT * FROM needs WHERE consortium_id = $1 AND ($2::uuid IS NULL OR organization_id = $2) AND ($3::text IS NULL OR status = $3)
       ORDER BY priority NULLS LAST, created_at`,
      [consortiumId, filter.organizationId ?? null, filter.status ?? null],
    );
    return rows.map(view);
  }

  async get(consortiumId: string, needId: string) {
    const [row] = await this.db.query(`SELECT * FROM needs WHERE consortium_id = $1 AND id = $2`, [consortiumId, needId]);
    if (!row) throw new NotFoundException(say('need not found', 'besoin introuvable'));
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
