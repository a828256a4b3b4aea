import { Param } from '@nestjs/common';
import { z } from 'zod';
import { calendarDate } from '@ccndr/contracts';
import { Caller, ConsortiumId, ConsortiumRoutes, Route, schemaMessage, ValidBody, ValidQuery, ZodPipe } from '@ccndr/service-kit';
import { narrativeMaxLength, NarrativePeriod, narrativeSections } from './narrative';
import { NarrativesService } from './narratives.service';

/** The period a narrative is kept with: both dates, or neither (the consortium's whole history). */
export const narrativePeriodQuery = z
  .strictObject({
    from: calendarDate.optional().describe('first day of the period (with to); neither: the whole history'),
    to: calendarDate.optional().describe('last day of the period (with from)'),
  })
  .refine((p) => (p.from === undefined) === (p.to === undefined), { ...schemaMessage('narrative.period-incomplete', 'give both from and to, or neither', 'indiquez from et to, ou aucun des deux'), path: ['to'] })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { ...schemaMessage('field.end-before-start', 'must not come before from', 'ne doit pas précéder from'), path: ['to'] });

const text = z.string().trim().max(narrativeMaxLength);
/** The text in French and in English; one of them may be left empty, not both. */
export const narrativeBody = z
  .strictObject({ fr: text.default(''), en: text.default('') })
  .refine((b) => b.fr !== '' || b.en !== '', { ...schemaMessage('narrative.text-required', 'write fr, en or both', 'rédigez fr, en ou les deux'), path: ['fr'] });

const section = new ZodPipe(z.enum(narrativeSections), 'section');
const periodOf = (query: z.infer<typeof narrativePeriodQuery>): NarrativePeriod => ({ from: query.from ?? null, to: query.to ?? null });

@ConsortiumRoutes('narratives', 'narratives')
export class NarrativesController {
  constructor(private readonly narratives: NarrativesService) {}

  @Route('GET', { summary: 'The latest narrative of each section for the period / Le dernier récit de chaque section pour la période' })
  latest(@ConsortiumId() consortiumId: string, @ValidQuery(narrativePeriodQuery) query: z.infer<typeof narrativePeriodQuery>) {
    return this.narratives.latest(consortiumId, periodOf(query));
  }

  @Route('PUT', ':section', { summary: 'Write a new version of a section’s narrative (FR and EN) / Rédiger une nouvelle version du récit d’une section', roles: ['coordinator'] })
  write(
    @Caller() { consortiumId, principal }: Caller,
    @Param('section', section) name: (typeof narrativeSections)[number],
    @ValidQuery(narrativePeriodQuery) query: z.infer<typeof narrativePeriodQuery>,
    @ValidBody(narrativeBody) body: z.infer<typeof narrativeBody>,
  ) {
    return this.narratives.write(consortiumId, periodOf(query), name, { fr: body.fr || null, en: body.en || null }, principal.subject);
  }

  @Route('GET', ':section/versions', { summary: 'Every version of a section’s narrative, the latest first / Toutes les versions du récit d’une section' })
  versions(@ConsortiumId() consortiumId: string, @Param('section', section) name: (typeof narrativeSections)[number], @ValidQuery(narrativePeriodQuery) query: z.infer<typeof narrativePeriodQuery>) {
    return this.narratives.versions(consortiumId, periodOf(query), name);
  }
}
