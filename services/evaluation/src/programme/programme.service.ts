import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Bilingual, DomainError } from '@ccndr/contracts';
import { benchmarkConsortiumThreshold, benchmarkOrganizationThreshold, fewBenchmarkOrganizationsText, fewConsortiaText, smallCellThreshold, suppressSmallCount } from '@ccndr/indicators';
import { query, withinProgramme } from '@ccndr/persistence';
import { oneDecimal } from '../indicators/indicator';
import { IndicatorFigure, storedFigure } from '../indicators/indicators.service';
import { knownConsortium } from '../narratives/narratives.sql';
import { benchmarkChoice, optedInConsortia, programmeIndicators, readinessBenchmark, setBenchmarkChoice } from './programme.sql';

/** One indicator of a consortium as the programme view shows it: no breakdown (per meeting, per organisation…), only the figure. */
export type ProgrammeIndicator = Omit<IndicatorFigure, 'breakdown'>;

export interface ProgrammeConsortium {
  consortiumId: string;
  /** As community's events named it; null for a consortium created before they carried names. */
  name: Bilingual | null;
  indicators: ProgrammeIndicator[];
}

export interface BenchmarkDimension {
  dimension: string;
  name: Bilingual;
  /** How many organisations the figures are drawn from (those of contributing consortia: 0, or 5 and more). */
  organizations: number | null;
  /** How many consortia contribute: those with at least 5 organisations scored in the dimension. */
  consortia: number;
  /** Why the figures are withheld (null: shown), and what a surface writes instead. */
  withheld: { reason: 'organizations' | 'consortia'; text: Bilingual } | null;
  lowerQuartile: number | null;
  median: number | null;
  upperQuartile: number | null;
}

export interface ReadinessBenchmark {
  /** Consortia whose coordinator opted in. */
  consortia: number;
  /** Organisations in all, of contributing consortia, before any figure is shown. */
  minimumOrganizations: number;
  /** Organisations a consortium needs scored in a dimension to contribute to it. */
  minimumOrganizationsPerConsortium: number;
  minimumConsortia: number;
  dimensions: BenchmarkDimension[];
}

/**
 * The programme view across consortia, for CCNDR staff. Every read runs in the programme scope:
 * row-level security lets it SELECT only the tables the programme view migration opened to it, and
 * write nothing, whoever calls (a platform admin too).
 */
@Injectable()
export class ProgrammeService {
  constructor(private readonly db: DataSource) {}

  /** Every consortium with its stored indicators, side by side; the live figures (what the refresher last computed). */
  async indicators(): Promise<ProgrammeConsortium[]> {
    const rows = await withinProgramme(() => query(this.db, programmeIndicators, []));
    const consortia = new Map<string, ProgrammeConsortium>();
    const now = new Date();
    for (const row of rows) {
      let consortium = consortia.get(row.consortium_id);
      if (!consortium) {
        consortium = { consortiumId: row.consortium_id, name: row.name_fr && row.name_en ? { fr: row.name_fr, en: row.name_en } : null, indicators: [] };
        consortia.set(row.consortium_id, consortium);
      }
      // A consortium whose indicators are not computed yet comes with none.
      if (row.key === null) continue;
      consortium.indicators.push(storedFigure(row, now));
    }
    return [...consortia.values()];
  }

  /** Quartiles of the organisations' readiness scores per dimension, across the consortia that opted in. */
  async readinessBenchmark(): Promise<ReadinessBenchmark> {
    const [rows, [{ consortia }]] = await withinProgramme(() => Promise.all([query(this.db, readinessBenchmark, [smallCellThreshold]), query(this.db, optedInConsortia, [])]));
    return {
      consortia,
      minimumOrganizations: benchmarkOrganizationThreshold,
      minimumOrganizationsPerConsortium: smallCellThreshold,
      minimumConsortia: benchmarkConsortiumThreshold,
      dimensions: rows.map((row) => {
        const withheld =
          row.organizations < benchmarkOrganizationThreshold
            ? { reason: 'organizations' as const, text: fewBenchmarkOrganizationsText }
            : row.consortia < benchmarkConsortiumThreshold
              ? { reason: 'consortia' as const, text: fewConsortiaText }
              : null;
        const shown = (figure: string | null) => (withheld || figure === null ? null : oneDecimal(figure));
        return {
          dimension: row.dimension,
          name: row.name ?? { fr: row.dimension, en: row.dimension },
          organizations: suppressSmallCount(row.organizations),
          consortia: row.consortia,
          withheld,
          lowerQuartile: shown(row.lower_quartile),
          median: shown(row.median),
          upperQuartile: shown(row.upper_quartile),
        };
      }),
    };
  }

  /** The consortium's choice (no choice yet: not opted in). */
  async benchmarkChoice(consortiumId: string): Promise<{ optIn: boolean; decidedAt: string | null }> {
    const [row] = await query(this.db, benchmarkChoice, [consortiumId]);
    if (!row) await this.known(consortiumId);
    return { optIn: row?.opted_in ?? false, decidedAt: row?.decided_at.toISOString() ?? null };
  }

  async setBenchmarkChoice(consortiumId: string, optIn: boolean, decidedBy: string): Promise<{ optIn: boolean; decidedAt: string }> {
    await this.known(consortiumId);
    const [row] = await query(this.db, setBenchmarkChoice, [consortiumId, optIn, new Date(), decidedBy]);
    return { optIn: row.opted_in, decidedAt: row.decided_at.toISOString() };
  }

  /** Not yet known to evaluation (its creation event still on its way): a 404, as the narratives answer. */
  private async known(consortiumId: string): Promise<void> {
    const [{ known }] = await query(this.db, knownConsortium, [consortiumId]);
    if (!known) throw new DomainError('consortium.not-found');
  }
}
