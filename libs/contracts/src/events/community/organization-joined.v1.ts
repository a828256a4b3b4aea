import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { countryCode, officialLanguage, organizationCategory, provinceOrTerritory, timestamp } from '../../vocabulary';

/** An organisation became a participant of the consortium. Its name travels only with its consent to be named in reports; its members' names stay in the community service. */
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
    /** The organisation's name, only when it consents to be named in the programme's reports (an advisor organisation may be one person); absent otherwise, and subscribers forget a name they had. */
    name: z.string().min(1).max(200).optional(),
  }),
  (data) => `organization/${data.organizationId}`,
);
