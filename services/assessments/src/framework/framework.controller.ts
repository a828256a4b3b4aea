import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OrganizationAccess } from '@ccndr/community-directory';
import { z } from 'zod';
import { readinessDimensionKey } from '@ccndr/contracts';
import { ConsortiumId, Route, ValidBody } from '@ccndr/service-kit';
import { FrameworksService } from './frameworks.service';

export const publishFrameworkBody = z.strictObject({
  /** The whole version (validated: five stages, guidance for every stage, both languages everywhere). */
  framework: z.unknown(),
  mapping: z
    .strictObject({ fromVersion: z.string().min(1), dimensions: z.record(readinessDimensionKey, readinessDimensionKey) })
    .nullable()
    .default(null),
});
export const pinBody = z.strictObject({ version: z.string().min(1) });

@ApiTags('framework')
@Controller()
export class FrameworkController {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly frameworks: FrameworksService,
  ) {}

  @Route('GET', 'frameworks', { summary: 'Published framework versions / Versions publiées du cadre' })
  versions() {
    return this.frameworks.versions();
  }

  /** One published version as a whole: an assessment is answered and shown in the version it was started with, whatever the consortium has adopted since. */
  @Route('GET', 'frameworks/:version', { summary: 'One published framework version (FR/EN) / Une version publiée du cadre' })
  version(@Param('version') version: string) {
    return this.frameworks.get(version);
  }

  @Route('POST', 'frameworks', { summary: 'Publish a new framework version, with its mapping from the previous one (platform admin) / Publier une version du cadre', roles: ['platform-admin'] })
  publish(@ValidBody(publishFrameworkBody) body: z.infer<typeof publishFrameworkBody>) {
    return this.frameworks.publish(body.framework, body.mapping);
  }

  @Route('GET', 'consortia/:consortiumId/framework', { summary: 'The readiness framework in effect (FR/EN) / Le cadre de préparation en vigueur' })
  async current(@ConsortiumId() consortiumId: string) {
    await this.access.requireConsortium(consortiumId);
    return this.frameworks.forConsortium(consortiumId);
  }

  @Route('PUT', 'consortia/:consortiumId/framework', { summary: 'Pin the framework version the consortium’s new assessments use / Fixer la version du cadre', roles: ['coordinator'] })
  async pin(@ConsortiumId() consortiumId: string, @ValidBody(pinBody) body: z.infer<typeof pinBody>) {
    await this.access.requireConsortium(consortiumId);
    return this.frameworks.pin(consortiumId, body.version);
  }
}
