import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Caller, ConsortiumId, ConsortiumRoutes, Route, ValidBody } from '@ccndr/service-kit';
import { ProgrammeService } from './programme.service';

const programmeStaff = ['platform-admin', 'programme-lead'] as const;

/** CCNDR staff's view across consortia: figures only, never an organisation's own data. */
@ApiTags('programme')
@Controller('programme')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @Route('GET', 'indicators', {
    summary: 'Every consortium’s live indicators side by side (platform admin, programme lead) / Les indicateurs de chaque consortium côte à côte',
    description: 'The indicators as stored, with the same suppression: a value the small-count rule withholds stays null.',
    roles: programmeStaff,
  })
  async indicators() {
    return { consortia: await this.programme.indicators() };
  }

  @Route('GET', 'readiness-benchmark', {
    summary: 'Readiness scores per dimension across the consortia that opted in (platform admin, programme lead) / Repère de préparation entre consortiums',
    description: 'Quartiles of organisation scores: a consortium contributes to a dimension from 5 organisations scored; shown only when drawn from at least 10 organisations of at least 2 contributing consortia.',
    roles: programmeStaff,
  })
  readinessBenchmark() {
    return this.programme.readinessBenchmark();
  }
}

export const benchmarkChoiceBody = z.strictObject({ optIn: z.boolean().describe('true: the consortium’s readiness scores count in the programme’s benchmark') });

/** A coordinator's choice to count the consortium's readiness scores in the programme's benchmark. */
@ConsortiumRoutes('programme', 'programme-benchmark')
export class ProgrammeBenchmarkController {
  constructor(private readonly programme: ProgrammeService) {}

  @Route('GET', { summary: 'Whether the consortium takes part in the programme’s readiness benchmark / Participation au repère du programme', roles: ['coordinator'] })
  choice(@ConsortiumId() consortiumId: string) {
    return this.programme.benchmarkChoice(consortiumId);
  }

  @Route('PUT', { summary: 'Opt in to (or out of) the programme’s readiness benchmark / Participer (ou non) au repère du programme', roles: ['coordinator'] })
  choose(@Caller() { consortiumId, principal }: Caller, @ValidBody(benchmarkChoiceBody) body: z.infer<typeof benchmarkChoiceBody>) {
    return this.programme.setBenchmarkChoice(consortiumId, body.optIn, principal.subject);
  }
}
