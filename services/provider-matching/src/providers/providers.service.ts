import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrganizationAccess } from '@ccndr/community-directory';
import { ProviderRegisteredV1, ProviderUpdatedV1, ProvinceOrTerritory, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { query } from '@ccndr/persistence';
import { deleteOfferings, insertOffering, providerCatalogue, providerForUpdate, saveProvider } from './providers.sql';
import { FrameworkDimensions } from '../framework/framework-dimensions';
import { MatchingService } from '../matching/matching.service';
import { needsToRematch } from '../matching/matching.sql';

export interface ProviderProfileInput {
  offerings: { title: string; description: string | null; dimensions: string[]; stages: number[] }[];
  languages: ('fr' | 'en')[];
  provincesServed: ProvinceOrTerritory[];
  remote: boolean;
  costModel: { kind: 'free' | 'subsidised' | 'fee'; feeRange: { min: number; max: number } | null };
  capacity: number;
  responseTimeDays: number;
}

export interface Provider extends ProviderProfileInput {
  organizationId: string;
  offerings: (ProviderProfileInput['offerings'][number] & { id: string })[];
  registeredAt: Date;
  updatedAt: Date;
}

@Injectable()
export class ProvidersService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly directory: OrganizationAccess,
    private readonly framework: FrameworkDimensions,
    private readonly matching: MatchingService,
  ) {}

  /** Publishes or replaces a service provider's profile (only organisations of category service-provider have one). */
  async publish(consortiumId: string, organizationId: string, input: ProviderProfileInput): Promise<Provider> {
    await this.directory.requireConsortium(consortiumId);
    if ((await this.directory.organizationCategory(consortiumId, organizationId)) !== 'service-provider') {
      throw new DomainError('provider.not-a-provider-organization', { field: 'organizationId' });
    }
    for (const [index, offering] of input.offerings.entries()) {
      await this.framework.require(consortiumId, offering.dimensions, (d) => `offerings.${index}.dimensions.${d}`);
    }
    await this.db.transaction(async (manager) => {
      const [existing] = await query(manager, providerForUpdate, [consortiumId, organizationId]);
      const now = new Date();
      await query(manager, saveProvider, [consortiumId, organizationId, input.languages, input.provincesServed, input.remote, JSON.stringify(input.costModel), input.capacity, input.responseTimeDays, now]);
      await query(manager, deleteOfferings, [consortiumId, organizationId]);
      const offerings = input.offerings.map((o) => ({ ...o, id: randomUUID() }));
      for (const o of offerings) {
        await query(manager, insertOffering, [o.id, consortiumId, organizationId, o.title, o.description, o.dimensions, o.stages]);
      }
      const profile = {
        providerId: organizationId,
        offerings: offerings.map((o) => ({ offeringId: o.id, dimensions: o.dimensions, stages: o.stages })),
        languages: input.languages,
        provincesServed: input.provincesServed,
        remote: input.remote,
        costModel: input.costModel,
        capacity: input.capacity,
        responseTimeDays: input.responseTimeDays,
      };
      if (existing) {
        await this.outbox.append(manager, consortiumId, ProviderUpdatedV1, { ...profile, updatedAt: now.toISOString() });
      } else {
        await this.outbox.append(manager, consortiumId, ProviderRegisteredV1, { ...profile, registeredAt: now.toISOString() });
      }
      // The live needs it now fits, and those it was suggested for, get fresh lists in the same
      // transaction as the profile: a nonprofit never sees a list that ignores a published offer.
      const dimensions = [...new Set(input.offerings.flatMap((o) => o.dimensions))];
      for (const need of await query(manager, needsToRematch, [consortiumId, organizationId, dimensions])) {
        await this.matching.suggest(manager, consortiumId, need.id, now);
      }
    });
    return this.get(consortiumId, organizationId);
  }

  async get(consortiumId: string, organizationId: string): Promise<Provider> {
    const [provider] = await this.list(consortiumId, { organizationId });
    if (!provider) throw new DomainError('provider.not-found');
    return provider;
  }

  /** The catalogue, optionally narrowed to a dimension, a language or a province (remote providers serve everywhere). */
  async list(consortiumId: string, filter: { organizationId?: string; dimension?: string; language?: string; province?: string }): Promise<Provider[]> {
    await this.directory.requireConsortium(consortiumId);
    return query(this.db, providerCatalogue, [consortiumId, filter.organizationId ?? null, filter.dimension ?? null, filter.language ?? null, filter.province ?? null]);
  }
}
