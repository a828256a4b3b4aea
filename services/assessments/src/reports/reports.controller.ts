import { Header, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Limited } from '@ccndr/auth';
import { Caller, ConsortiumRoutes, IdParam, Route, stylesheetController, ValidQuery } from '@ccndr/service-kit';
import { OrganizationAccess } from '@ccndr/community-directory';
import { DomainError } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { assessmentById } from '../assessments/assessments.sql';
import { FrameworksService } from '../framework/frameworks.service';
import { JourneysService } from '../journeys/journeys.service';
import { renderReport, reportStyles } from './report.html';

export const reportQuery = z.strictObject({ format: z.enum(['html', 'json']).default('html'), lang: z.enum(['fr', 'en']).default('fr') });

@ConsortiumRoutes('reports', 'assessments/:assessmentId/report')
export class ReportsController {
  constructor(
    private readonly db: DataSource,
    private readonly access: OrganizationAccess,
    private readonly journeys: JourneysService,
    private readonly frameworks: FrameworksService,
  ) {}

  @Route('GET', { summary: 'The organisation’s result as a printable page (FR or EN) or JSON / Le résultat en page imprimable ou en JSON' })
  @Limited('expensive-reads')
  @Header('Cache-Control', 'no-store')
  async report(
    @Caller() { consortiumId, principal }: Caller,
    @IdParam('assessmentId') assessmentId: string,
    @ValidQuery(reportQuery) options: z.infer<typeof reportQuery>,
    @Res({ passthrough: true }) response: { type(t: string): void },
  ) {
    const [row] = await query(this.db, assessmentById, [consortiumId, assessmentId]);
    if (!row) throw new DomainError('assessment.not-found');
    await this.access.ensureCanSee(consortiumId, row.organization_id, principal).catch(() => {
      throw new DomainError('assessment.not-found');
    });
    if (!row.completed_at) throw new DomainError('assessment.not-complete');
    const journey = await this.journeys.ofAssessment(assessmentId);
    // A completed assessment has its result.
    const { gaps, ...result } = row.result!;
    const framework = await this.frameworks.get(row.framework_version);
    if (options.format === 'json') {
      return {
        assessmentId,
        organizationId: row.organization_id,
        completedAt: row.completed_at,
        frameworkVersion: framework.version,
        dimensions: result.dimensions.map((d: { dimension: string }) => ({ ...d, name: framework.dimensions.find((f) => f.key === d.dimension)?.name })),
        overall: result.overall,
        respondents: result.respondents,
        gaps,
        journey,
      };
    }
    response.type('text/html; charset=utf-8');
    return renderReport(framework, { completedAt: row.completed_at, result, gaps, journey }, options.lang);
  }
}

/** The report page's stylesheet, at /report.css. */
export const ReportStylesController = stylesheetController('report.css', reportStyles);
