import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@ccndr/auth';
import { ConsortiumId, ConsortiumRoutes, Route, ValidQuery } from '@ccndr/service-kit';
import { query } from '@ccndr/persistence';
import { DataSource } from 'typeorm';
import { IndicatorsService } from '../indicators/indicators.service';
import { consortiumLanguage } from '../indicators/indicators.sql';
import { checkedPeriodChoice, chosenFigures, periodChoiceFields } from '../periods/period-choice';
import { PeriodsService } from '../periods/periods.service';
import { dashboardFragment, dashboardFragmentStyles, dashboardPage, dashboardScript, dashboardStyles } from './dashboard-page';

/** The page holds no data: it calls the indicator routes with the person's own token. */
@ApiTags('dashboard')
@Public()
@Controller('dashboard')
export class DashboardController {
  @Route('GET', { summary: 'The live evaluation dashboard (FR/EN): /dashboard?consortium=<id>&lang=fr#token=<bearer token> / Le tableau de bord en direct' })
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return dashboardPage;
  }

  @Get('dashboard.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @ApiExcludeEndpoint()
  script(): string {
    return dashboardScript;
  }

  @Get('dashboard.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @ApiExcludeEndpoint()
  styles(): string {
    return dashboardStyles;
  }

  /** The fragment's styles alone, for a page that embeds the fragment in its own layout (the portal). */
  @Get('fragment.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @ApiExcludeEndpoint()
  fragmentStyles(): string {
    return dashboardFragmentStyles;
  }
}

/** The live figures by default; a period's (`from`, `to`) or a closed period's (`period`) as the report's. */
export const dashboardQuery = checkedPeriodChoice(z.strictObject({ lang: z.enum(['fr', 'en']).optional(), ...periodChoiceFields }));

/** The dashboard's content as an HTML fragment: cards, charts and their data tables, rendered on the server. */
@ConsortiumRoutes('dashboard', 'dashboard')
export class DashboardFragmentController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly periods: PeriodsService,
    private readonly db: DataSource,
  ) {}

  @Route('GET', { summary: 'The dashboard’s content as an HTML fragment (FR/EN), live or for a period (from, to | period), to embed / Le contenu du tableau de bord, en fragment HTML' })
  @Header('Cache-Control', 'no-store')
  async fragment(@ConsortiumId() consortiumId: string, @ValidQuery(dashboardQuery) options: z.infer<typeof dashboardQuery>, @Res({ passthrough: true }) response: { type(t: string): void }) {
    const { indicators } = await chosenFigures({ indicators: this.indicators, periods: this.periods }, consortiumId, options);
    const lang = options.lang ?? (await query(this.db, consortiumLanguage, [consortiumId]))[0].default_language;
    response.type('text/html; charset=utf-8');
    return dashboardFragment(indicators, lang);
  }
}
