import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { readinessDimensionKey, timestamp } from '../../vocabulary';

/**
 * A consortium's readiness assessments now use this framework version (the default one when the
 * consortium is created, another when a coordinator pins it). Other services learn from it which
 * dimensions exist and what they are called, and what its stages are called (optional: events
 * before it was added have none, and readers then write a stage by its number).
 */
export const FrameworkAdoptedV1 = defineEvent(
  'assessments',
  'framework',
  'adopted',
  1,
  z.object({
    frameworkVersion: z.string().min(1),
    dimensions: z.array(z.object({ key: readinessDimensionKey, name: z.object({ fr: z.string().min(1), en: z.string().min(1) }) })).min(1),
    adoptedAt: timestamp,
    stages: z.array(z.object({ stage: z.number().int().min(1).max(5), name: z.object({ fr: z.string().min(1), en: z.string().min(1) }) })).max(5).optional(),
  }),
  (data) => `framework/${data.frameworkVersion}`,
);
