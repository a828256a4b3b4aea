import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { ageBands, identityGroups, timestamp } from '../../vocabulary';

const count = z.number().int().min(0).nullable();

/**
 * Who took part in a gathering, in aggregate, from the self-identification of attendees who
 * consented. Never per person. A null count is suppressed: it is below `suppressionThreshold`,
 * or it would let a suppressed count be worked out from the total.
 */
export const GatheringRepresentationSnapshotV1 = defineEvent(
  'community',
  'gathering',
  'representation-snapshot',
  1,
  z.object({
    gatheringId: z.uuid(),
    attendees: z.number().int().min(0),
    selfIdentified: count,
    ageBands: z.object(Object.fromEntries(ageBands.map((band) => [band, count])) as Record<(typeof ageBands)[number], typeof count>),
    identityGroups: z.object(Object.fromEntries(identityGroups.map((group) => [group, count])) as Record<(typeof identityGroups)[number], typeof count>),
    suppressionThreshold: z.number().int().min(1),
    takenAt: timestamp,
  }),
  (data) => `gathering/${data.gatheringId}`,
);
