import { Param } from '@nestjs/common';
import { z } from 'zod';
import { calendarDate } from '@ccndr/contracts';
import { ConsortiumId, ConsortiumRoutes, Route, schemaMessage, ValidBody, ZodPipe } from '@ccndr/service-kit';
import { indicatorKey } from './indicators.controller';
import { TargetsService } from './targets.service';

export const targetBody = z
  .strictObject({
    comparison: z.enum(['more-than', 'at-least', 'between']).default('at-least'),
    value: z.number().min(0).max(1_000_000),
    max: z.number().min(0).max(1_000_000).optional(),
    /** When the target is due: before then, a target not yet met may be on track. */
    dueOn: calendarDate.optional(),
  })
  .refine((t) => (t.comparison === 'between') === (t.max !== undefined), { ...schemaMessage('field.invalid', 'give max with, and only with, comparison between', 'indiquez max avec, et seulement avec, la comparaison between'), path: ['max'] })
  .refine((t) => t.max === undefined || t.max >= t.value, { ...schemaMessage('field.out-of-range', 'must not be below value', 'ne doit pas être inférieur à value'), path: ['max'] });

@ConsortiumRoutes('indicators', 'indicators/:key/target')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Route('PUT', { summary: 'Set the consortium’s own target for an indicator / Fixer la cible du consortium', roles: ['coordinator'] })
  set(@ConsortiumId() consortiumId: string, @Param('key', new ZodPipe(indicatorKey, 'key')) key: string, @ValidBody(targetBody) body: z.infer<typeof targetBody>) {
    return this.targets.set(consortiumId, key, body);
  }

  @Route('DELETE', { summary: 'Go back to the programme’s default target / Revenir à la cible par défaut', roles: ['coordinator'] })
  reset(@ConsortiumId() consortiumId: string, @Param('key', new ZodPipe(indicatorKey, 'key')) key: string) {
    return this.targets.set(consortiumId, key, null);
  }
}
