// Telemetry first: it must patch http, pg and NestJS before they are loaded.
import './instrumentation';
import 'reflect-metadata';
import { runService } from '@ccndr/service-kit';
import { AppModule } from './app.module';
import { providerMatchingService } from './provider-matching.service-spec';

void runService(AppModule, providerMatchingService);
