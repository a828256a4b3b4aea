import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { calendarDate, timestamp } from '../../vocabulary';
import { collaborationKind, partnershipFields } from './partnership-fields';

/** Partners recorded a joint initiative, a shared resource or a communication (its summary stays in the service). */
export const PartnershipCollaborationRecordedV1 = defineEvent('provider-matching', 'partnership', 'collaboration-recorded', 1, z.object({ ...partnershipFields, recordId: z.uuid(), kind: collaborationKind, occurredOn: calendarDate, recordedAt: timestamp }), (data) => `partnership/${data.partnershipId}`);
