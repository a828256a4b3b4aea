import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { prototypeNumber, readinessDimensionKey, timestamp } from '../../vocabulary';

/** A circle (working group) was formed, possibly for a prototype or a readiness dimension. Its name stays in the service. */
export const CircleCreatedV1 = defineEvent(
  'community',
  'circle',
  'created',
  1,
  z.object({
    circleId: z.uuid(),
    prototype: prototypeNumber.nullable(),
    readinessDimension: readinessDimensionKey.nullable(),
    createdAt: timestamp,
  }),
  (data) => `circle/${data.circleId}`,
);
