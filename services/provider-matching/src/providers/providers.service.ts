import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrganizationAccess } from '@ccndr/community-directory';
import { ProviderRegisteredV1, ProviderUpdatedV1, ProvinceOrTerritory, DomainError } from '@ccndr/contracts';
import { Outbox } from '@ccndr/messaging';
import { FrameworkDimensions } from '../framework/framework-dimensions';

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
      const [existing] = await manager.query(`SELECT registered_at FROM providers WHERE consortium_id = $1 AND organization_id = $2 FOR UPDATE`, [consortiumId, organizationId]);
      const now = new Date();
      await manager.query(
        `INSERT INTO providers (consortium_id, organization_id, languages, provinces_served, remote, cost_model, capacity, response_time_days, registered_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         ON CONFLICT (consortium_id, organization_id) DO UPDATE SET languages = excluded.languages, provinces_served = excluded.provinces_served,
           remote = excluded.remote, cost_model = excluded.cost_model, capacity = excluded.capacity, response_time_days = excluded.response_time_days, updated_at = excluded.updated_at`,
        [consortiumId, organizationId, input.languages, input.provincesServed, input.remote, JSON.stringify(input.costModel), input.capacity, input.responseTimeDays, now],
      );
      await manager.query(`DELETE FROM offerings WHERE consortium_id = $1 AND organization_id = $2`, [consortiumId, organizationId]);
      const offerings = input.offerings.map((o) => ({ ...o, id: randomUUID() }));
      for (const o of offerings) {
        await manager.query(`INSERT INTO offerings (id, consortium_id, organization_id, title, description, dimensions, stages) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          o.id, consortiumId, organizationId, o.title, o.description, o.dimensions, o.stages,
        ]);
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
        await this.outbox.append(manager, { definition: ProviderUpdatedV1, consortiumId, subject: `provider/${organizationId}`, data: { ...profile, updatedAt: now.toISOString() } });
      } else {
        await this.outbox.append(manager, { definition: ProviderRegisteredV1, consortiumId, subject: `provider/${organizationId}`, data: { ...profile, registeredAt: now.toISOString() } });
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
    const rows: any[] = await this.db.query(
      `SELECT p.*, coalesce(json_agg(json_build_object('id', o.id, 'title', o.title, 'description', o.description, 'dimensions', o.dimensions, 'stages', o.stages) ORDER BY o.title)
                        FILTER (WHERE o.id IS NOT NULL), '[]') AS offerings
       FROM providers p LEFT JOIN offerings o ON o.consortium_id = p.consortium_id AND o.organization_id = p.organization_id
       WHERE p.consortium_id = $1
         AND ($2::uuid IS NULL OR p.organization_id = $2)
         AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM offerings x WHERE x.consortium_id = p.consortium_id AND x.organization_id = p.organization_id AND $3 = ANY (x.dimensions)))
         AND ($4::text IS NULL OR $4 = ANY (p.languages))
         AND ($5::text IS NULL OR p.remote OR $5 = ANY (p.provinces_served))
       GROUP BY p.consortium_id, p.organization_id
       ORDER BY p.registered_at`,
      [consortiumId, filter.organizationId ?? null, filter.dimension ?? null, filter.language ?? null, filter.province ?? null],
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      offerings: r.offerings,
      languages: r.languages,
      provincesServed: r.provinces_served,
      remote: r.remote,
      costModel: r.cost_model,
      capacity: r.capacity,
      responseTimeDays: r.response_time_days,
      registeredAt: r.registered_at,
      updatedAt: r.updated_at,
    }));
  }
}
