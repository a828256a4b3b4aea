import { Header, Res, StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import { Limited } from '@ccndr/auth';
import { ConsortiumId, ConsortiumRoutes, Route, ValidQuery } from '@ccndr/service-kit';
import { checkedPeriodChoice, periodChoiceFields } from '../periods/period-choice';
import { isoDate } from './export-table';
import { ExportsService } from './exports.service';

/** The indicators for a period: the whole history (none given), a period (`from`, `to`) or a closed period (`period`), as the report's. */
export const exportQuery = checkedPeriodChoice(
  z.strictObject({ lang: z.enum(['fr', 'en']).optional().describe('Language of headers, labels and texts (default: the consortium’s) / Langue'), ...periodChoiceFields }),
);

interface Response {
  type(type: string): void;
  setHeader(name: string, value: string): void;
}

type ExportQuery = z.infer<typeof exportQuery>;

/** The file's name: what it holds and the period it covers (its first and last day), or the day produced for the whole history. */
function fileName({ lang, from, to, period }: ExportQuery, what: 'indicators' | 'series', extension: string): string {
  const name = { indicators: { fr: 'indicateurs', en: 'indicators' }, series: { fr: 'series-mensuelles', en: 'monthly-series' } }[what][lang === 'en' ? 'en' : 'fr'];
  const covered = period ? (lang === 'en' ? 'closed-period' : 'periode-close') : from || to ? `${from ?? ''}_${to ?? ''}` : isoDate(new Date());
  return `${name}-${covered}.${extension}`;
}

@ConsortiumRoutes('exports', 'exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Route('GET', 'indicators.csv', { summary: 'The indicators as CSV, one row per indicator (FR/EN) / Les indicateurs en CSV' })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async csv(@ConsortiumId() consortiumId: string, @ValidQuery(exportQuery) options: ExportQuery, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.exports.csv(consortiumId, options.lang, options);
    response.type('text/csv; charset=utf-8; header=present');
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(options, 'indicators', 'csv')}"`);
    return csv;
  }

  @Route('GET', 'series.csv', { summary: 'The indicators month by month over the period as CSV, one row per indicator and month (FR/EN) / Les séries mensuelles des indicateurs en CSV' })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async seriesCsv(@ConsortiumId() consortiumId: string, @ValidQuery(exportQuery) options: ExportQuery, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.exports.seriesCsv(consortiumId, options.lang, options);
    response.type('text/csv; charset=utf-8; header=present');
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(options, 'series', 'csv')}"`);
    return csv;
  }

  @Route('GET', 'indicators.xlsx', { summary: 'The indicators and their definitions as an Excel workbook (FR/EN) / Les indicateurs et leurs définitions en classeur Excel' })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async xlsx(@ConsortiumId() consortiumId: string, @ValidQuery(exportQuery) options: ExportQuery): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.xlsx(consortiumId, options.lang, options), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${fileName(options, 'indicators', 'xlsx')}"`,
    });
  }

  @Route('GET', 'cids.jsonld', {
    summary: 'Outcomes, indicators and indicator reports in the Common Impact Data Standard 3.2.1 (JSON-LD) / Résultats, indicateurs et rapports selon la norme CIDS',
  })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async cids(@ConsortiumId() consortiumId: string, @ValidQuery(exportQuery) options: ExportQuery, @Res({ passthrough: true }) response: Response) {
    const document = await this.exports.cids(consortiumId, options.lang, options);
    response.type('application/ld+json; charset=utf-8');
    return document;
  }
}
