import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@Controller('consortia/:consortiumId/indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({ summary: 'Live indicators of outcomes 1–4 / Indicateurs en direct des résultats 1 à 4' })
  list(@Param('consortiumId') consortiumId: string) {
    return this.indicators.list(consortiumId);
  }
}
