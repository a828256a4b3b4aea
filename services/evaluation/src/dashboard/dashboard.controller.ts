import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Public } from '@ccndr/auth';
import { Route } from '@ccndr/service-kit';
import { dashboardPage, dashboardScript, dashboardStyles } from './dashboard-page';

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
}
