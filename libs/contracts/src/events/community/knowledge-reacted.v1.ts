import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { knowledgeItemType, reactionKind, timestamp } from '../../vocabulary';

/** Someone reacted to a thread, reply or resource; involves the reactor's and the author's organisations. */
export const KnowledgeReactedV1 = defineEvent(
  'community',
  'knowledge',
  'reacted',
  1,
  z.object({
    itemId: z.uuid(),
    itemType: knowledgeItemType,
    reaction: reactionKind,
    memberId: z.uuid(),
    organizationId: z.uuid(),
    involvedOrganizationIds: z.array(z.uuid()).min(1),
    crossOrganization: z.boolean(),
    reactedAt: timestamp,
  }),
  (data) => `${data.itemType}/${data.itemId}`,
);
