import { Header, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Limited } from '@ccndr/auth';
import { ConsortiumId, ConsortiumRoutes, Route, stylesheetController, ValidQuery } from '@ccndr/service-kit';
import { query } from '@ccndr/persistence';
import { IndicatorsService } from '../indicators/indicators.service';
import { consortiumLanguage } from '../indicators/indicators.sql';
import { reportDocument } from './report-document';
import { reportHtml, reportMarkdown, reportStyles } from './report-render';

export const reportQuery = z.strictObject({ lang: z.enum(['fr', 'en']).optional(), format: z.enum(['html', 'markdown']).default('html') });

@ConsortiumRoutes('report', 'report')
export class ReportController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly db: DataSource,
  ) {}

  @Route('GET', { summary: 'The evaluation report, written from the live indicators (HTML or Markdown, FR/EN) / Le rapport d’évaluation' })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async report(@ConsortiumId() consortiumId: string, @ValidQuery(reportQuery) options: z.infer<typeof reportQuery>, @Res({ passthrough: true }) response: { type(t: string): void }) {
    const indicators = await this.indicators.list(consortiumId);
    const [consortium] = await query(this.db, consortiumLanguage, [consortiumId]);
    const document = reportDocument(consortiumId, indicators, options.lang ?? consortium.default_language, new Date());
    if (options.format === 'markdown') {
      response.type('text/markdown; charset=utf-8');
      return reportMarkdown(document);
    }
    response.type('text/html; charset=utf-8');
    return reportHtml(document);
  }
}

/** The report page's stylesheet, at /report.css. */
export const ReportStylesController = stylesheetController('report.css', reportStyles);
