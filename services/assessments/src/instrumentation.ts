import { startTelemetry } from '@ccndr/observability';

startTelemetry('assessments');
