import { Header, Res, StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import { Limited } from '@ccndr/auth';
import { ConsortiumId, ConsortiumRoutes, Route, ValidQuery } from '@ccndr/service-kit';
import { isoDate } from './export-table';
import { ExportsService } from './exports.service';

/**
 * The indicators for a period. Today's only period is the consortium's whole history up to now;
 * `from` and `to` join this query when indicators are computed per period.
 */
export const exportQuery = z.strictObject({ lang: z.enum(['fr', 'en']).optional().describe('Language of headers, labels and texts (default: the consortium’s) / Langue') });

interface Response {
  type(type: string): void;
  setHeader(name: string, value: string): void;
}

const fileName = (lang: 'fr' | 'en' | undefined, extension: string) => `${lang === 'en' ? 'indicators' : 'indicateurs'}-${isoDate(new Date())}.${extension}`;

@ConsortiumRoutes('exports', 'exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Route('GET', 'indicators.csv', { summary: 'The indicators as CSV, one row per indicator (FR/EN) / Les indicateurs en CSV' })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async csv(@ConsortiumId() consortiumId: string, @ValidQuery(exportQuery) { lang }: z.infer<typeof exportQuery>, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.exports.csv(consortiumId, lang);
    response.type('text/csv; charset=utf-8; header=present');
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(lang, 'csv')}"`);
    return csv;
  }

  @Route('GET', 'indicators.xlsx', { summary: 'The indicators and their definitions as an Excel workbook (FR/EN) / Les indicateurs et leurs définitions en classeur Excel' })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async xlsx(@ConsortiumId() consortiumId: string, @ValidQuery(exportQuery) { lang }: z.infer<typeof exportQuery>): Promise<StreamableFile> {
    return new StreamableFile(await this.exports.xlsx(consortiumId, lang), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${fileName(lang, 'xlsx')}"`,
    });
  }

  @Route('GET', 'cids.jsonld', {
    summary: 'Outcomes, indicators and indicator reports in the Common Impact Data Standard 3.2.1 (JSON-LD) / Résultats, indicateurs et rapports selon la norme CIDS',
  })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async cids(@ConsortiumId() consortiumId: string, @ValidQuery(exportQuery) { lang }: z.infer<typeof exportQuery>, @Res({ passthrough: true }) response: Response) {
    const document = await this.exports.cids(consortiumId, lang);
    response.type('application/ld+json; charset=utf-8');
    return document;
  }
}
