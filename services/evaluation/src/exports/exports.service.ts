import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { IndicatorsService } from '../indicators/indicators.service';
import { cidsDocument } from './cids-export';
import { indicatorsCsv } from './csv-export';
import { IndicatorExport, Language } from './export-table';
import { consortiumOfExport } from './exports.sql';
import { indicatorsWorkbook } from './xlsx-export';

/** The indicators' exports: CSV, XLSX and Common Impact Data Standard JSON-LD, each from the indicators exactly as the API serves them. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly db: DataSource,
    private readonly indicators: IndicatorsService,
  ) {}

  /** The indicators and what the export covers, in `lang` (the consortium's language when not given). */
  async data(consortiumId: string, lang: Language | undefined, now = new Date()): Promise<IndicatorExport> {
    const [consortium] = await query(this.db, consortiumOfExport, [consortiumId]);
    if (!consortium) throw new DomainError('consortium.not-found');
    const indicators = await this.indicators.list(consortiumId);
    const language = lang ?? consortium.default_language;
    const consortiumName = (language === 'fr' ? consortium.name_fr : consortium.name_en) ?? null;
    return { consortiumId, consortiumName, language, period: { from: consortium.created_at, to: now }, indicators };
  }

  async csv(consortiumId: string, lang?: Language): Promise<string> {
    return indicatorsCsv(await this.data(consortiumId, lang));
  }

  async xlsx(consortiumId: string, lang?: Language): Promise<Buffer> {
    const now = new Date();
    return indicatorsWorkbook(await this.data(consortiumId, lang, now), now);
  }

  async cids(consortiumId: string, lang?: Language) {
    return cidsDocument(await this.data(consortiumId, lang));
  }
}
