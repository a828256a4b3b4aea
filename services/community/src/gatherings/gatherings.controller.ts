import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@ccndr/auth';
import { gatheringKind, timestamp } from '@ccndr/contracts';
import { openApiBody, uuidParam, ZodPipe } from '@ccndr/service-kit';
import { GatheringsService } from './gatherings.service';

export const scheduleGatheringBody = z.strictObject({
  kind: gatheringKind,
  title: z.string().trim().min(1).max(300),
  startsAt: timestamp,
});

/** One member (`memberId`) or a list (`memberIds`), not both. */
export const recordAttendanceBody = z
  .strictObject({ memberId: z.uuid().optional(), memberIds: z.array(z.uuid()).min(1).max(1000).optional() })
  .refine((b) => (b.memberId === undefined) !== (b.memberIds === undefined), { message: 'give memberId or memberIds (one of them)', path: ['memberIds'] });

@ApiTags('gatherings')
@Controller('consortia/:consortiumId/gatherings')
export class GatheringsController {
  constructor(private readonly gatherings: GatheringsService) {}

  @Post()
  @Roles('coordinator')
  @ApiOperation({ summary: 'Schedule a gathering / Planifier une rencontre' })
  @ApiBody(openApiBody(scheduleGatheringBody))
  schedule(@Param('consortiumId') consortiumId: string, @Body(new ZodPipe(scheduleGatheringBody)) body: z.infer<typeof scheduleGatheringBody>) {
    return this.gatherings.schedule(consortiumId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Gatherings of the consortium / Rencontres du consortium' })
  list(@Param('consortiumId') consortiumId: string) {
    return this.gatherings.list(consortiumId);
  }

  @Get(':gatheringId')
  @ApiOperation({ summary: 'A gathering with its attendance count / Une rencontre et sa participation' })
  get(@Param('consortiumId') consortiumId: string, @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string) {
    return this.gatherings.get(consortiumId, gatheringId);
  }

  @Post(':gatheringId/attendance')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Record who attended / Enregistrer les présences' })
  @ApiBody(openApiBody(recordAttendanceBody))
  recordAttendance(
    @Param('consortiumId') consortiumId: string,
    @Param('gatheringId', new ZodPipe(uuidParam, 'gatheringId')) gatheringId: string,
    @Body(new ZodPipe(recordAttendanceBody)) body: z.infer<typeof recordAttendanceBody>,
  ) {
    return this.gatherings.recordAttendance(consortiumId, gatheringId, body.memberIds ?? [body.memberId!]);
  }
}
