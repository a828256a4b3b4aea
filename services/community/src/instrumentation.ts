import { startTelemetry } from '@ccndr/observability';

startTelemetry('community');
