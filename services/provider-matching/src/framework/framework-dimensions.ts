import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { say, DomainError } from '@ccndr/contracts';
import { query } from '@ccndr/persistence';
import { consortiumFramework } from './framework-dimensions.sql';

/** The readiness dimensions a consortium's framework defines, as assessments announced them. */
@Injectable()
export class FrameworkDimensions {
  constructor(private readonly db: DataSource) {}

  /** 400 naming `field` unless every dimension exists in the consortium's framework. */
  async require(consortiumId: string, dimensions: string[], field: (index: number) => string): Promise<void> {
    const [framework] = await query(this.db, consortiumFramework, [consortiumId]);
    const known = framework ? framework.dimensions.map((d) => d.key) : [];
    const index = dimensions.findIndex((d) => !known.includes(d));
    if (index === -1) return;
    if (!framework) throw new DomainError('framework.not-known-yet', { field: field(index) });
    throw new DomainError('dimension.unknown', {
      field: field(index),
      detail: say(`${dimensions[index]} is not a dimension of the readiness framework ${framework.framework_version} (${known.join(', ')})`, `${dimensions[index]} n’est pas une dimension du cadre de préparation ${framework.framework_version} (${known.join(', ')})`),
    });
  }
}
