import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { defaultFramework } from './default-framework';

@ApiTags('framework')
@Controller('consortia/:consortiumId/framework')
export class FrameworkController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'The readiness framework in effect (FR/EN) / Le cadre de préparation en vigueur' })
  async current(@Param('consortiumId') consortiumId: string) {
    const known = await this.db.query(`SELECT 1 FROM consortia WHERE consortium_id = $1`, [consortiumId]);
    if (!known.length) throw new NotFoundException('consortium not found');
    return defaultFramework;
  }
}
