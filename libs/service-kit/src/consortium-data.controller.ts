import { Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { Limited } from '@ccndr/auth';
import { ConsortiumEventsPurge, eraseConsortiumMessaging } from '@ccndr/messaging';
import { withinConsortia } from '@ccndr/persistence';
import { ZodPipe } from './validation';
import { Route } from './endpoints';

const consortiumId = z.uuid();

/**
 * The tenant tables of the service's schema (those row-level security walls), children before the
 * parents their foreign keys point to, so that deleting in this order never breaks a reference.
 */
async function tenantTables(m: EntityManager): Promise<string[]> {
  const tables: { name: string }[] = await m.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity ORDER BY c.relname`,
  );
  const references: { child: string; parent: string }[] = await m.query(
    `SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint k
       JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE k.contype = 'f' AND n.nspname = current_schema() AND child.oid <> parent.oid`,
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const { child } of references.filter((r) => r.parent === table)) visit(child, path);
    ordered.push(table);
  };
  for (const { name } of tables) visit(name, new Set());
  return ordered.filter((table) => tables.some((t) => t.name === table));
}

/**
 * A consortium's data in this service, for the operator: export it as JSON, or delete it. Both run
 * in the consortium's row-level-security scope, so they see and touch that consortium's rows only.
 */
@ApiTags('operations')
@Controller('admin/consortia/:consortiumId')
export class ConsortiumDataController {
  constructor(
    private readonly db: DataSource,
    private readonly eventsPurge: ConsortiumEventsPurge,
  ) {}

  @Route('GET', 'export', { summary: 'Every row this service holds for the consortium, per table / Toutes les données du consortium dans ce service', roles: ['platform-admin'] })
  @Limited('expensive-reads')
  export(@Param('consortiumId', new ZodPipe(consortiumId, 'consortiumId')) id: string) {
    return withinConsortia([id], () =>
      this.db.transaction('REPEATABLE READ', async (m) => {
        const tables: Record<string, unknown[]> = {};
        // The tables are found in the catalogue at run time (every walled table): no fixed statement to declare.
        for (const table of (await tenantTables(m)).reverse()) tables[table] = await m.query(`SELECT * FROM ${table}`);
        return { consortiumId: id, schema: (await m.query('SELECT current_schema() AS schema'))[0].schema, exportedAt: new Date().toISOString(), tables };
      }),
    );
  }

  @Route('DELETE', { summary: 'Delete every row this service holds for the consortium, its events not yet published and its processed-event records / Supprimer toutes les données du consortium dans ce service', roles: ['platform-admin'] })
  erase(@Param('consortiumId', new ZodPipe(consortiumId, 'consortiumId')) id: string) {
    return withinConsortia([id], () =>
      this.db.transaction(async (m) => {
        const deleted: Record<string, number> = {};
        // The tables are found in the catalogue at run time (every walled table): no fixed statement to declare.
        for (const table of await tenantTables(m)) deleted[table] = (await m.query(`DELETE FROM ${table}`))[1];
        // The outbox and the processed-event records are the platform's tables, not walled: their rows carry their consortium.
        Object.assign(deleted, await eraseConsortiumMessaging(m, id));
        return { consortiumId: id, deleted };
      }),
    );
  }

  @Route('DELETE', 'events', { summary: 'Purge the consortium’s events from the stream and its dead letters from this service’s consumers / Purger les événements du consortium', roles: ['platform-admin'] })
  purge(@Param('consortiumId', new ZodPipe(consortiumId, 'consortiumId')) id: string) {
    return this.eventsPurge.purge(id);
  }
}
