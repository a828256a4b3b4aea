// Telemetry first: it must patch http, pg and NestJS before they are loaded.
import './instrumentation';
import 'reflect-metadata';
import { runService } from '@ccndr/service-kit';
import { AppModule } from './app.module';
import { assessmentsService } from './assessments.service-spec';

void runService(AppModule, assessmentsService).catch((error) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', service: 'assessments', msg: 'failed to start', error: String(error?.stack ?? error) })}\n`);
  process.exit(1);
});
