import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { countryCode, officialLanguage, organizationCategory, provinceOrTerritory, timestamp } from '../../vocabulary';

/** An organisation became a participant of the consortium. Names stay in the community service. */
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
  }),
  (data) => `organization/${data.organizationId}`,
);
