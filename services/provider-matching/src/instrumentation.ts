import { startTelemetry } from '@ccndr/observability';

startTelemetry('provider-matching');
