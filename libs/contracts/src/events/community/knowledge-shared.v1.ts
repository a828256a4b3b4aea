import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { knowledgeItemType, officialLanguage, timestamp } from '../../vocabulary';

/**
 * Someone started a discussion thread, replied, or shared a resource. `involvedOrganizationIds` are
 * the organisations this interaction connects (the author's, and for a reply the thread starter's);
 * `crossOrganization` says whether it connects more than one. No title, text or link leaves the service.
 */
export const KnowledgeSharedV1 = defineEvent(
  'community',
  'knowledge',
  'shared',
  1,
  z.object({
    itemId: z.uuid(),
    itemType: knowledgeItemType,
    threadId: z.uuid().nullable(),
    circleId: z.uuid().nullable(),
    memberId: z.uuid(),
    organizationId: z.uuid(),
    involvedOrganizationIds: z.array(z.uuid()).min(1),
    crossOrganization: z.boolean(),
    language: officialLanguage,
    sharedAt: timestamp,
  }),
  (data) => (data.threadId ? `thread/${data.threadId}` : `${data.itemType}/${data.itemId}`),
);
