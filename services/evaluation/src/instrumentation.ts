import { startTelemetry } from '@ccndr/observability';

startTelemetry('evaluation');
