import { startTelemetry } from '@ccndr/observability';

startTelemetry('portal');
