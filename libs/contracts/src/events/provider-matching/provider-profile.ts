import { z } from 'zod';
import { officialLanguage, provinceOrTerritory, readinessDimensionKey } from '../../vocabulary';

/** A provider's public offer as events carry it (offering titles and descriptions stay in the service). */
export const providerProfileFields = {
  providerId: z.uuid(),
  offerings: z.array(z.object({ offeringId: z.uuid(), dimensions: z.array(readinessDimensionKey).min(1), stages: z.array(z.number().int().min(1).max(5)).min(1) })).min(1),
  languages: z.array(officialLanguage).min(1),
  provincesServed: z.array(provinceOrTerritory),
  remote: z.boolean(),
  costModel: z.object({ kind: z.enum(['free', 'subsidised', 'fee']), feeRange: z.object({ min: z.number().min(0), max: z.number().min(0) }).nullable() }),
  capacity: z.number().int().min(0),
  responseTimeDays: z.number().int().min(1),
};
