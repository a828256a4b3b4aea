import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { officialLanguage, timestamp } from '../../vocabulary';

/** A platform admin opened a new consortium (tenant); its name (both languages) is public, for reports. Events from before it was carried have none. */
export const ConsortiumCreatedV1 = defineEvent(
  'community',
  'consortium',
  'created',
  1,
  z.object({
    consortiumId: z.uuid(),
    defaultLanguage: officialLanguage,
    createdAt: timestamp,
    name: z.object({ fr: z.string().min(1).max(200), en: z.string().min(1).max(200) }).optional(),
  }),
  (data) => `consortium/${data.consortiumId}`,
);
