import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { countryCode, officialLanguage, organizationCategory, provinceOrTerritory, timestamp } from '../../vocabulary';

/** An organisation's public profile changed; carries the whole profile as it now is. */
export const OrganizationUpdatedV1 = defineEvent(
  'community',
  'organization',
  'updated',
  1,
  z.object({
    organizationId: z.uuid(),
    category: organizationCategory,
    provinceOrTerritory: provinceOrTerritory.nullable(),
    country: countryCode,
    preferredLanguage: officialLanguage,
    updatedAt: timestamp,
    /** The organisation's name, only when it consents to be named in the programme's reports (an advisor organisation may be one person); absent otherwise, and subscribers forget a name they had. */
    name: z.string().min(1).max(200).optional(),
  }),
  (data) => `organization/${data.organizationId}`,
);
