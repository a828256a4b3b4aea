import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { officialLanguage, timestamp } from '../../vocabulary';

/** A platform admin opened a new consortium (tenant). */
export const ConsortiumCreatedV1 = defineEvent(
  'community',
  'consortium',
  'created',
  1,
  z.object({
    consortiumId: z.uuid(),
    defaultLanguage: officialLanguage,
    createdAt: timestamp,
  }),
  (data) => `consortium/${data.consortiumId}`,
);
