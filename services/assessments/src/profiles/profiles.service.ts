import { Inject, Injectable } from '@nestjs/common';
import { OrganizationAccess } from '@ccndr/community-directory';
import { DomainError } from '@ccndr/contracts';
import { FrameworksService } from '../framework/frameworks.service';
import { DataSource } from 'typeorm';
import { Principal } from '@ccndr/auth';
import { SERVICE_CONFIG, ServiceConfig } from '@ccndr/config';
import { query } from '@ccndr/persistence';
import { smallCellThreshold, suppressSmallCells, suppressSmallCount } from '@ccndr/indicators';
import { AssessmentScore } from '../assessments/scoring';
import { completedAssessments, latestResultsOfCategory, organizationCategory } from './profiles.sql';

interface Completed {
  assessmentId: string;
  frameworkVersion: string;
  completedAt: Date;
  result: AssessmentScore;
}

export interface Quartiles {
  lowest: number;
  lowerQuartile: number;
  median: number;
  upperQuartile: number;
  highest: number;
}

/** Linear-interpolation quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return Math.round((sorted[below] + (sorted[above] - sorted[below]) * (position - below)) * 10) / 10;
}

@Injectable()
export class ProfilesService {
  constructor(
    private readonly db: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly access: OrganizationAccess,
    private readonly frameworks: FrameworksService,
  ) {}

  /** The organisation's maturity over time: every completed assessment, and the change since the previous one. */
  async profile(consortiumId: string, organizationId: string, principal: Principal) {
    await this.access.ensureCanSee(consortiumId, organizationId, principal);
    const history = await this.completed(consortiumId, organizationId);
    if (!history.length) throw new DomainError('assessment.none-completed');
    const [latest, previous] = [history[history.length - 1], history[history.length - 2]];
    return {
      organizationId,
      latest: { assessmentId: latest.assessmentId, completedAt: latest.completedAt, ...latest.result },
      change: previous ? await this.change(latest, previous) : null,
      history: history.map((h) => ({ assessmentId: h.assessmentId, frameworkVersion: h.frameworkVersion, completedAt: h.completedAt, overall: h.result.overall })),
    };
  }

  /**
   * Change per dimension since the previous assessment. Across framework versions a dimension is
   * compared with the one it continues (the version mapping); without one, `from` is null.
   */
  private async change(latest: Completed, previous: Completed) {
    return Promise.all(
      latest.result.dimensions.map(async (d) => {
        const key = await this.frameworks.correspondingDimension(latest.frameworkVersion, d.dimension, previous.frameworkVersion);
        const before = key ? previous.result.dimensions.find((p) => p.dimension === key) : undefined;
        return {
          dimension: d.dimension,
          comparedWith: before ? { frameworkVersion: previous.frameworkVersion, dimension: before.dimension } : null,
          from: before?.score ?? null,
          to: d.score,
          delta: before ? Math.round((d.score - before.score) * 10) / 10 : null,
          stageFrom: before?.stage ?? null,
          stageTo: d.stage,
        };
      }),
    );
  }

  /**
   * Where the organisation stands among organisations of its category in the consortium: the
   * distribution of their latest scores per dimension. Hidden until enough of them have completed.
   */
  async benchmark(consortiumId: string, organizationId: string, principal: Principal) {
    await this.access.ensureCanSee(consortiumId, organizationId, principal);
    const [organization] = await query(this.db, organizationCategory, [consortiumId, organizationId]);
    if (!organization) throw new DomainError('organization.not-found');
    const peers = await query(this.db, latestResultsOfCategory, [consortiumId, organization.category]);
    const threshold = this.config.BENCHMARK_MIN_ORGANIZATIONS;
    // How many have completed is a count of organisations like any other: from 1 to 4 it is not shown (null, "fewer than 5").
    const organizations = suppressSmallCount(peers.length);
    const base = { category: organization.category, organizations, threshold };
    if (peers.length < threshold) {
      // How many have completed is a small count (it may tell an organisation it is the only one): not said.
      return {
        ...base,
        organizations: null,
        available: false,
        message: {
          fr: `La comparaison s’affiche lorsqu’au moins ${threshold} organismes de cette catégorie ont terminé leur autoévaluation.`,
          en: `The comparison appears once at least ${threshold} organizations of this category have completed their self-assessment.`,
        },
        dimensions: null,
      };
    }
    const own = peers.find((p) => p.organization_id === organizationId);
    const dimensionKeys = peers[0].result.dimensions.map((d) => d.dimension);
    return {
      ...base,
      available: true,
      dimensions: dimensionKeys.flatMap((dimension) => {
        const scores = peers.flatMap((p) => p.result.dimensions.filter((d) => d.dimension === dimension));
        if (scores.length < threshold) return []; // peers on another framework version do not count for this dimension
        const sorted = scores.map((s) => s.score).sort((a, b) => a - b);
        const counts = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
        for (const s of scores) counts[String(s.stage) as keyof typeof counts]++;
        // How many peers stand at each stage, with fewer than 5 hidden (and a second cell, so no subtraction finds it).
        const stages = suppressSmallCells(counts, smallCellThreshold, { partitionOfTotal: true, total: scores.length });
        const quartiles: Quartiles = { lowest: sorted[0], lowerQuartile: quantile(sorted, 0.25), median: quantile(sorted, 0.5), upperQuartile: quantile(sorted, 0.75), highest: sorted[sorted.length - 1] };
        // The stage of the middle organisation (the lower of the two middle ones): an aggregate of at least 5, unlike the stage counts.
        const medianStage = scores.map((s) => s.stage).sort((a, b) => a - b)[Math.ceil(scores.length / 2) - 1];
        return [{ dimension, stages, medianStage, quartiles, yours: own?.result.dimensions.find((d) => d.dimension === dimension)?.score ?? null }];
      }),
    };
  }

  private async completed(consortiumId: string, organizationId: string): Promise<Completed[]> {
    const rows = await query(this.db, completedAssessments, [consortiumId, organizationId]);
    return rows.map((r) => ({ assessmentId: r.id, frameworkVersion: r.framework_version, completedAt: r.completed_at, result: r.result }));
  }
}
