import { z } from 'zod';
import { readinessDimensionKey } from '@ccndr/contracts';
import { schemaMessage } from '@ccndr/service-kit';

/** Every text a person reads exists in both official languages. */
export const bilingual = z.strictObject({ fr: z.string().trim().min(1).max(5000), en: z.string().trim().min(1).max(5000) });
export type Bilingual = z.infer<typeof bilingual>;

export const stageNumber = z.number().int().min(1).max(5);

const option = z.strictObject({ key: z.string().regex(/^[a-z0-9-]+$/), label: bilingual, stage: stageNumber });
const question = z.strictObject({ key: z.string().regex(/^[a-z0-9-]+$/), text: bilingual, options: z.array(option).min(2) });
const guidance = z.strictObject({
  stage: stageNumber,
  nextSteps: z.array(bilingual).min(1),
  resources: z.array(z.strictObject({ title: bilingual, url: z.url({ protocol: /^https$/ }) })),
});

/** How a version is written (2026.1): anything else names no version. */
export const versionFormat = /^\d{4}\.\d+$/;

/**
 * A readiness framework version: dimensions × five maturity stages × questions whose answer
 * options map to stages, with next steps and resources for every dimension at every stage.
 */
export const frameworkSchema = z
  .strictObject({
    version: z.string().regex(versionFormat, 'must look like 2026.1'),
    title: bilingual,
    stages: z.array(z.strictObject({ stage: stageNumber, name: bilingual, description: bilingual })).length(5),
    dimensions: z
      .array(
        z.strictObject({
          key: readinessDimensionKey,
          name: bilingual,
          description: bilingual,
          questions: z.array(question).min(1),
          guidance: z.array(guidance),
        }),
      )
      .min(1),
  })
  .superRefine((framework, ctx) => {
    const stages = framework.stages.map((s) => s.stage).sort();
    if (stages.join() !== '1,2,3,4,5') ctx.addIssue({ code: 'custom', path: ['stages'], ...schemaMessage('field.invalid', 'must name stages 1 to 5 once each', 'doit nommer les étapes 1 à 5, une fois chacune') });
    const keys = new Set<string>();
    framework.dimensions.forEach((dimension, d) => {
      if (keys.has(dimension.key)) ctx.addIssue({ code: 'custom', path: ['dimensions', d, 'key'], ...schemaMessage('field.repeated', `duplicate dimension ${dimension.key}`, `dimension ${dimension.key} en double`) });
      keys.add(dimension.key);
      for (let stage = 1; stage <= 5; stage++) {
        if (!dimension.guidance.some((g) => g.stage === stage)) {
          ctx.addIssue({ code: 'custom', path: ['dimensions', d, 'guidance'], ...schemaMessage('field.required', `dimension ${dimension.key} has no guidance for stage ${stage}`, `la dimension ${dimension.key} n’a pas de repères pour l’étape ${stage}`) });
        }
      }
      const questionKeys = new Set<string>();
      dimension.questions.forEach((q, i) => {
        if (questionKeys.has(q.key)) ctx.addIssue({ code: 'custom', path: ['dimensions', d, 'questions', i, 'key'], ...schemaMessage('field.repeated', `duplicate question ${q.key}`, `question ${q.key} en double`) });
        questionKeys.add(q.key);
        if (new Set(q.options.map((o) => o.key)).size !== q.options.length) {
          ctx.addIssue({ code: 'custom', path: ['dimensions', d, 'questions', i, 'options'], ...schemaMessage('field.repeated', 'option keys must be unique', 'les clés d’option doivent être uniques') });
        }
      });
    });
  });

export type Framework = z.infer<typeof frameworkSchema>;
export type Dimension = Framework['dimensions'][number];
