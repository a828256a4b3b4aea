import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { IndicatorsService } from '../indicators/indicators.service';
import { maxSeriesMonths } from '../indicators/period';
import { chosenFigures, PeriodChoice } from '../periods/period-choice';
import { PeriodsService } from '../periods/periods.service';
import { cidsDocument } from './cids-export';
import { indicatorsCsv, seriesCsv } from './csv-export';
import { ExportPeriod, IndicatorExport, isoDate, Language } from './export-table';
import { consortiumOfExport } from './exports.sql';
import { indicatorsWorkbook } from './xlsx-export';

/**
 * The indicators' exports: CSV, XLSX and Common Impact Data Standard JSON-LD, each from the
 * indicators exactly as the API serves them for the period chosen (the report's `from`/`to` or `period`).
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly db: DataSource,
    private readonly indicators: IndicatorsService,
    private readonly periods: PeriodsService,
  ) {}

  /** The indicators and what the export covers, in `lang` (the consortium's language when not given); with `series`, their monthly series too. */
  async data(consortiumId: string, lang: Language | undefined, choice: PeriodChoice = {}, { series = false, now = new Date() } = {}): Promise<IndicatorExport> {
    const [consortium] = await query(this.db, consortiumOfExport, [consortiumId]);
    if (!consortium) throw new DomainError('consortium.not-found');
    const chosen = await chosenFigures({ indicators: this.indicators, periods: this.periods }, consortiumId, choice);
    const period: ExportPeriod = !chosen.period
      ? { kind: 'history', from: consortium.created_at, to: now }
      : chosen.period.closed
        ? { kind: 'closed', from: chosen.period.from!, to: chosen.period.to, closedAt: new Date(chosen.period.closed.closedAt), restated: chosen.period.closed.restatements.length > 0 }
        : { kind: 'period', from: chosen.period.from ?? consortium.created_at, to: chosen.period.to };
    const language = lang ?? consortium.default_language;
    const consortiumName = (language === 'fr' ? consortium.name_fr : consortium.name_en) ?? null;
    const months = series ? await this.indicators.monthly(consortiumId, seriesMonths(period, now)) : undefined;
    return { consortiumId, consortiumName, language, period, indicators: chosen.indicators, months };
  }

  async csv(consortiumId: string, lang?: Language, choice?: PeriodChoice): Promise<string> {
    return indicatorsCsv(await this.data(consortiumId, lang, choice));
  }

  async seriesCsv(consortiumId: string, lang?: Language, choice?: PeriodChoice): Promise<string> {
    return seriesCsv(await this.data(consortiumId, lang, choice, { series: true }));
  }

  async xlsx(consortiumId: string, lang?: Language, choice?: PeriodChoice): Promise<Buffer> {
    const now = new Date();
    return indicatorsWorkbook(await this.data(consortiumId, lang, choice, { series: true, now }), now);
  }

  async cids(consortiumId: string, lang?: Language, choice?: PeriodChoice) {
    return cidsDocument(await this.data(consortiumId, lang, choice));
  }
}

/** The months of a period's series: its calendar months (UTC), the last 60 at most, up to the current month. */
function seriesMonths(period: ExportPeriod, now: Date): MonthsQuery {
  const to = period.to.getTime() >= now.getTime() ? undefined : isoDate(period.to);
  const last = new Date((to === undefined ? now : period.to).getTime() - (to === undefined ? 0 : 1));
  const earliest = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - (maxSeriesMonths - 1), 1));
  return { from: isoDate(period.from.getTime() < earliest.getTime() ? earliest : period.from), to };
}

type MonthsQuery = Parameters<IndicatorsService['monthly']>[1];
