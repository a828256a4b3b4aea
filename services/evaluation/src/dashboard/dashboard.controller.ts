import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ccndr/auth';
import { dashboardPage } from './dashboard-page';

/** The page holds no data: it calls the indicator routes with the person's own token. */
@ApiTags('dashboard')
@Public()
@Controller('dashboard')
export class DashboardController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'self'")
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({ summary: 'The live evaluation dashboard (FR/EN): /dashboard?consortium=<id>&lang=fr#token=<bearer token> / Le tableau de bord en direct' })
  page(): string {
    return dashboardPage;
  }
}
