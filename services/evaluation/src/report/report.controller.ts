import { Header, Res, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Limited } from '@ccndr/auth';
import { DomainError } from '@ccndr/contracts';
import { ConsortiumId, ConsortiumRoutes, Route, stylesheetController, ValidQuery } from '@ccndr/service-kit';
import { query } from '@ccndr/persistence';
import { IndicatorsService } from '../indicators/indicators.service';
import { checkedPeriodChoice, chosenFigures, periodChoiceFields } from '../periods/period-choice';
import { PeriodsService } from '../periods/periods.service';
import { reportDocument, ReportFacts } from './report-document';
import { reportDocx } from './report-docx';
import { reportPdf } from './report-pdf';
import { reportHtml, reportMarkdown, reportStyles } from './report-render';
import { latestNarratives } from '../narratives/narratives.sql';
import { reportConsortium, reportPartnerships } from './report.sql';

export const reportQuery = checkedPeriodChoice(
  z.strictObject({
    lang: z.enum(['fr', 'en']).optional(),
    format: z.enum(['html', 'markdown', 'pdf', 'docx']).default('html'),
    /** Paper size of the PDF and the Word document: A4 unless Letter is asked for. */
    paper: z.enum(['a4', 'letter']).default('a4'),
    ...periodChoiceFields,
  }),
);

@ConsortiumRoutes('report', 'report')
export class ReportController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly periods: PeriodsService,
    private readonly db: DataSource,
  ) {}

  @Route('GET', { summary: 'The evaluation report, from the live indicators, those of a period (from, to) or a closed period (period) (HTML, Markdown, PDF, Word; FR/EN) / Le rapport d’évaluation' })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async report(@ConsortiumId() consortiumId: string, @ValidQuery(reportQuery) options: z.infer<typeof reportQuery>, @Res({ passthrough: true }) response: { type(t: string): void }) {
    const { indicators, period } = await chosenFigures({ indicators: this.indicators, periods: this.periods }, consortiumId, options);
    const { language, facts } = await reportFacts(this.db, consortiumId);
    const closedPeriods = (await this.periods.list(consortiumId)).length;
    const document = reportDocument(consortiumId, indicators, options.lang ?? language, new Date(), { ...facts, period, closedPeriods });
    if (options.format === 'pdf') {
      return new StreamableFile(await reportPdf(document, options.paper), { type: 'application/pdf', disposition: `attachment; filename="${reportFileName(document.language)}.pdf"` });
    }
    if (options.format === 'docx') {
      return new StreamableFile(await reportDocx(document, options.paper), {
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        disposition: `attachment; filename="${reportFileName(document.language)}.docx"`,
      });
    }
    if (options.format === 'markdown') {
      response.type('text/markdown; charset=utf-8');
      return reportMarkdown(document);
    }
    response.type('text/html; charset=utf-8');
    return reportHtml(document);
  }
}

/** What the report states beyond the indicators: the consortium's name and first event, its partnerships' organisations, the coordinator's narratives. */
export async function reportFacts(db: DataSource, consortiumId: string): Promise<{ language: 'fr' | 'en'; facts: ReportFacts }> {
  // The narratives kept with the report's period: the whole history, for now.
  const [[consortium], partnerships, narratives] = await Promise.all([query(db, reportConsortium, [consortiumId]), query(db, reportPartnerships, [consortiumId]), query(db, latestNarratives, [consortiumId, null, null])]);
  // Not yet known to evaluation (its creation event still on its way, or a rebuild under way): a 404, never a 500.
  if (!consortium) throw new DomainError('consortium.not-found');
  return {
    language: consortium.default_language,
    facts: {
      consortiumName: consortium.name_fr && consortium.name_en ? { fr: consortium.name_fr, en: consortium.name_en } : null,
      firstEventAt: consortium.first_event_at,
      partnerships: partnerships.map((p) => ({ status: p.status, organizations: p.organizations })),
      narratives: narratives.map((n) => ({ section: n.section, fr: n.text_fr, en: n.text_en })),
    },
  };
}

/** The name of a downloaded report, in its language (no id in it). */
export function reportFileName(language: 'fr' | 'en'): string {
  return language === 'fr' ? 'rapport-evaluation' : 'evaluation-report';
}

/** The report page's stylesheet, at /report.css. */
export const ReportStylesController = stylesheetController('report.css', reportStyles);
