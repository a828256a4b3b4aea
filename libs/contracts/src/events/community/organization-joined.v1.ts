import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { countryCode, officialLanguage, organizationCategory, provinceOrTerritory, timestamp } from '../../vocabulary';

/** An organisation became a participant of the consortium. Its public name travels for reports; its members' names stay in the community service. */
export const OrganizationJoinedV1 = defineEvent(
  'community',
  'organization',
  'joined',
  1,
  z.object({
    organizationId: z.uuid(),
    category: organizationCategory,
    provinceOrTerritory: provinceOrTerritory.nullable(),
    country: countryCode,
    preferredLanguage: officialLanguage,
    joinedAt: timestamp,
    /** The organisation's public name (never a person's); events from before it was carried have none. */
    name: z.string().min(1).max(200).optional(),
  }),
  (data) => `organization/${data.organizationId}`,
);
