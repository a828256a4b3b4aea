import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { timestamp } from '../../vocabulary';

/** An organisation stopped taking part; its members left with it. Its past participation still counts. */
export const OrganizationLeftV1 = defineEvent(
  'community',
  'organization',
  'left',
  1,
  z.object({
    organizationId: z.uuid(),
    leftAt: timestamp,
  }),
  (data) => `organization/${data.organizationId}`,
);
