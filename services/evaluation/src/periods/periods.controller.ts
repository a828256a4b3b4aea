import { Param } from '@nestjs/common';
import { z } from 'zod';
import { calendarDate, restatementReason } from '@ccndr/contracts';
import { ConsortiumId, ConsortiumRoutes, Route, schemaMessage, ValidBody, ZodPipe } from '@ccndr/service-kit';
import { PeriodsService } from './periods.service';

export const closePeriodBody = z
  .strictObject({
    from: calendarDate.describe('First day of the period (UTC), included / Premier jour (UTC), inclus'),
    to: calendarDate.describe('Day the period ends (UTC), not included; not in the future / Jour de fin (UTC), exclu; pas dans le futur'),
  })
  .refine((b) => b.from < b.to, { ...schemaMessage('field.end-before-start', 'must come after from', 'doit venir après from'), path: ['to'] });

export const restatementBody = z.strictObject({ reason: restatementReason.describe('Why the figures are restated / Motif du redressement') });

const periodId = new ZodPipe(z.uuid(), 'periodId');

@ConsortiumRoutes('indicators', 'periods')
export class PeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @Route('POST', { summary: 'Close a period: its indicators frozen and published / Clore une période\u00a0: ses indicateurs figés et publiés', roles: ['coordinator'] })
  close(@ConsortiumId() consortiumId: string, @ValidBody(closePeriodBody) body: z.infer<typeof closePeriodBody>) {
    return this.periods.close(consortiumId, body.from, body.to);
  }

  @Route('GET', { summary: 'Closed periods / Périodes closes' })
  list(@ConsortiumId() consortiumId: string) {
    return this.periods.list(consortiumId);
  }

  @Route('GET', ':periodId', { summary: 'A closed period: its frozen figures and the latest restatement / Une période close et son dernier redressement' })
  get(@ConsortiumId() consortiumId: string, @Param('periodId', periodId) id: string) {
    return this.periods.get(consortiumId, id);
  }

  @Route('POST', ':periodId/restatements', { summary: 'Restate a closed period’s figures, for a reason / Redresser les chiffres d’une période close', roles: ['coordinator'] })
  restate(@ConsortiumId() consortiumId: string, @Param('periodId', periodId) id: string, @ValidBody(restatementBody) body: z.infer<typeof restatementBody>) {
    return this.periods.restate(consortiumId, id, body.reason);
  }
}
