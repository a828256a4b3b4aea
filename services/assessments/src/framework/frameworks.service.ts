import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FrameworkAdoptedV1, say, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { parseOrRefuse } from '@ccndr/service-kit';
import { defaultFramework } from './default-framework';
import { Framework, frameworkSchema, versionFormat } from './framework.schema';
import { frameworkVersions, insertVersion, pinnedVersion, pinVersion, versionDocument, versionExists } from './frameworks.sql';

/** How the dimensions of a version correspond to those of the version before it. */
export interface VersionMapping {
  fromVersion: string;
  /** New dimension key → the previous version's dimension key it continues. */
  dimensions: Record<string, string>;
}

/**
 * The framework versions: the default one ships with the service, platform admins publish newer
 * ones (validated, immutable once published), a consortium pins the version its assessments use.
 */
@Injectable()
export class FrameworksService {
  private readonly cache = new Map<string, { framework: Framework; mapping: VersionMapping | null }>([[defaultFramework.version, { framework: defaultFramework, mapping: null }]]);

  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async get(version: string, manager: EntityManager = this.db.manager): Promise<Framework> {
    return (await this.entry(version, manager)).framework;
  }

  async mapping(version: string): Promise<VersionMapping | null> {
    return (await this.entry(version)).mapping;
  }

  async versions(): Promise<{ version: string; publishedAt: Date | null; mapping: VersionMapping | null }[]> {
    const rows = await query(this.db, frameworkVersions, []);
    return [{ version: defaultFramework.version, publishedAt: null, mapping: null }, ...rows.map((r) => ({ version: r.version, publishedAt: r.published_at, mapping: r.mapping }))];
  }

  /** The version a consortium's new assessments use: the pinned one, else the default. */
  async forConsortium(consortiumId: string, manager: EntityManager = this.db.manager): Promise<Framework> {
    const [pinned] = await query(manager, pinnedVersion, [consortiumId]);
    return this.get(pinned?.version ?? defaultFramework.version, manager);
  }

  async publish(document: unknown, mapping: VersionMapping | null): Promise<Framework> {
    const framework = parseOrRefuse(frameworkSchema, document, 'framework');
    if (this.cache.has(framework.version) || (await query(this.db, versionExists, [framework.version])).length) {
      throw new DomainError('framework.version-published', { field: 'framework.version', detail: say(`${framework.version} is already published`, `${framework.version} est déjà publiée`) });
    }
    if (mapping) {
      const previous = await this.get(mapping.fromVersion).catch(() => {
        throw new DomainError('framework.unknown-version', { field: 'mapping.fromVersion', detail: say(`no version ${mapping.fromVersion}`, `aucune version ${mapping.fromVersion}`) });
      });
      for (const [to, from] of Object.entries(mapping.dimensions)) {
        if (!framework.dimensions.some((d) => d.key === to)) throw new DomainError('dimension.unknown', { field: `mapping.dimensions.${to}`, detail: say(`no such dimension in ${framework.version}`, `aucune dimension de ce nom dans ${framework.version}`) });
        if (!previous.dimensions.some((d) => d.key === from)) throw new DomainError('dimension.unknown', { field: `mapping.dimensions.${to}`, detail: say(`no dimension ${from} in ${mapping.fromVersion}`, `aucune dimension ${from} dans ${mapping.fromVersion}`) });
      }
    }
    await query(this.db, insertVersion, [framework.version, JSON.stringify(framework), mapping ? JSON.stringify(mapping) : null]);
    return framework;
  }

  async pin(consortiumId: string, version: string): Promise<Framework> {
    const framework = await this.get(version).catch(() => {
      throw new DomainError('framework.unknown-version', { field: 'version', detail: say(`no framework version ${version}`, `aucune version ${version} du cadre`) });
    });
    await this.db.transaction(async (manager) => {
      await query(manager, pinVersion, [consortiumId, version]);
      await this.announceAdoption(manager, consortiumId);
    });
    return framework;
  }

  /** Tells the other services which framework (and so which dimensions) the consortium uses. */
  async announceAdoption(manager: EntityManager, consortiumId: string): Promise<void> {
    const framework = await this.forConsortium(consortiumId, manager);
    await this.outbox.append(manager, consortiumId, FrameworkAdoptedV1, {
      frameworkVersion: framework.version,
      dimensions: framework.dimensions.map((d) => ({ key: d.key, name: d.name })),
      stages: framework.stages.map((s) => ({ stage: s.stage, name: s.name })),
      adoptedAt: new Date().toISOString(),
    });
  }

  /**
   * The previous version's dimension that `dimension` of `version` continues, following the
   * mappings back to `targetVersion`; null when there is no correspondence.
   */
  async correspondingDimension(version: string, dimension: string, targetVersion: string): Promise<string | null> {
    let current: string | null = dimension;
    let at = version;
    while (at !== targetVersion && current) {
      const mapping = await this.mapping(at);
      if (!mapping) return null;
      const from = await this.get(mapping.fromVersion);
      current = mapping.dimensions[current] ?? (from.dimensions.some((d) => d.key === current) ? current : null);
      at = mapping.fromVersion;
    }
    return current;
  }

  private async entry(version: string, manager: EntityManager = this.db.manager) {
    const cached = this.cache.get(version);
    if (cached) return cached;
    // A name no version could have (one asked for in an address) is not looked up.
    const [row] = versionFormat.test(version) ? await query(manager, versionDocument, [version]) : [];
    if (!row) throw new DomainError('framework.version-not-found', { detail: say(`no framework version ${version}`, `aucune version ${version} du cadre`) });
    const entry = { framework: row.document, mapping: row.mapping };
    this.cache.set(version, entry);
    return entry;
  }
}
