import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Body, Controller, Get, HttpCode, Module, NotFoundException, Param, Post, UnprocessableEntityException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool, PoolClient } from 'pg';
import { ageBands, EventDefinition, eventSubject, GatheringAttendanceRecordedV1, GatheringRepresentationSnapshotV1, identityGroups } from '@ccndr/contracts';
import { smallCellThreshold, suppressSmallCells } from '@ccndr/indicators';

/**
 * The HTTP benchmark's baselines: a bare NestJS application with a plain pg pool — no
 * authentication, validation, ORM or tracing. Three routes: one insert; the transaction community's
 * attendance command runs (the same statements and outbox insert, as community's database role,
 * so row-level security holds it too); and one select of a consortium's indicator rows.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: `-c search_path=${process.env.SCHEMA}` });
const community = new Pool({ connectionString: process.env.COMMUNITY_DATABASE_URL, max: 10, options: '-c search_path=community' });
const namespace = process.env.EVENT_NAMESPACE ?? '';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The text of a statement of the product, read from its own *.sql.ts module at run time so that the
 * baseline cannot drift from what community sends (the module boundaries keep the benchmarks from
 * importing a service's code; only the SQL text is taken).
 */
function statementText(file: string, name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(join(__dirname, '..', '..', file)) as Record<string, { text: string }>)[name].text;
}
const recordAttendance = statementText('services/community/src/gatherings/gatherings.sql.ts', 'recordAttendance');
const attendeeCount = statementText('services/community/src/gatherings/gatherings.sql.ts', 'attendeeCount');
const gatheringSelfIdentifications = statementText('services/community/src/representation/representation.sql.ts', 'gatheringSelfIdentifications');
const appendEvents = statementText('libs/messaging/src/outbox/outbox.sql.ts', 'appendEvents');

/** An outbox row's values as community's Outbox writes them, without the producer-side schema check or trace context. */
function envelopeOf(consortiumId: string, definition: EventDefinition, data: Record<string, unknown>) {
  const envelope = {
    specversion: '1.0', id: randomUUID(), source: '/ccndr/community', type: definition.type, time: new Date().toISOString(), subject: definition.subjectOf(data as never),
    datacontenttype: 'application/json', dataschema: `urn:ccndr:event-schema:${definition.type}`, consortiumid: consortiumId, data,
  };
  return { id: envelope.id, subject: eventSubject(definition.type, consortiumId, namespace), payload: JSON.stringify(envelope) };
}

/** The outbox insert, events of several contracts in one statement, as community's Outbox.appendAll does. */
async function append(client: PoolClient, consortiumId: string, events: [EventDefinition, Record<string, unknown>][]): Promise<void> {
  const rows = events.map(([definition, data]) => envelopeOf(consortiumId, definition, data));
  await client.query(appendEvents, [rows.map((r) => r.id), rows.map((r) => r.subject), rows.map((r) => r.payload), rows.map(() => null), rows.map(() => consortiumId)]);
}

@Controller()
class BareController {
  @Post('items')
  async create(@Body() body: { id: string; name: string }) {
    await pool.query(`INSERT INTO items (id, name) VALUES ($1, $2)`, [body.id, body.name]);
    return { id: body.id };
  }

  /** Community's attendance transaction for one member, statement for statement, with a plain client. */
  @Post('consortia/:consortiumId/gatherings/:gatheringId/attendance')
  @HttpCode(200)
  async attend(@Param('consortiumId') consortiumId: string, @Param('gatheringId') gatheringId: string, @Body() body: { memberId: string }) {
    if (!uuid.test(consortiumId)) throw new NotFoundException();
    const client = await community.connect();
    try {
      // The consortium scope sent with START TRANSACTION, as community's ScopedClient does.
      await client.query(`START TRANSACTION; SET LOCAL ccndr.consortia = '${consortiumId}'; SET LOCAL ccndr.programme = ''`);
      // The gathering locked, the member checked and recorded, in one statement.
      const opensBy = new Date(Date.now() + 60 * 60 * 1000);
      const members = (await client.query(recordAttendance, [consortiumId, gatheringId, [body.memberId], opensBy])).rows;
      const [member] = members;
      if (member.kind === null || member.cancelledAt) throw new NotFoundException();
      if (member.id === null) throw new UnprocessableEntityException();
      if (!member.changed) {
        const [{ count }] = (await client.query(attendeeCount, [gatheringId])).rows;
        await client.query('COMMIT');
        return { gatheringId, recorded: [], alreadyRecorded: [body.memberId], attendeeCount: count };
      }
      const at = new Date().toISOString();
      const attendance = { gatheringId, gatheringKind: member.kind, attendees: [{ memberId: member.id, organizationId: member.organization_id }], recordedAt: at };
      const [row] = (await client.query(gatheringSelfIdentifications, [gatheringId])).rows;
      const ages: Record<string, number> = Object.fromEntries(ageBands.map((band) => [band, 0]));
      const groups: Record<string, number> = Object.fromEntries(identityGroups.map((group) => [group, 0]));
      for (const answer of row.answers) {
        ages[answer.ageBand ?? 'prefer-not-to-say']++;
        for (const group of answer.identityGroups) groups[group]++;
      }
      const total = row.self_identified;
      const snapshot = {
        gatheringId,
        attendees: row.attendees,
        selfIdentified: total < smallCellThreshold ? null : total,
        ageBands: suppressSmallCells(ages, smallCellThreshold, { partitionOfTotal: true, total }),
        identityGroups: suppressSmallCells(groups, smallCellThreshold, { partitionOfTotal: false, total }),
        suppressionThreshold: smallCellThreshold,
        takenAt: new Date().toISOString(),
      };
      await append(client, consortiumId, [
        [GatheringAttendanceRecordedV1, attendance],
        [GatheringRepresentationSnapshotV1, snapshot],
      ]);
      await client.query('COMMIT');
      return { gatheringId, recorded: [body.memberId], alreadyRecorded: [], attendeeCount: row.attendees };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /** The same rows evaluation's indicators route reads. */
  @Get('indicators/:consortiumId')
  async indicators(@Param('consortiumId') consortiumId: string) {
    const { rows } = await pool.query(`SELECT * FROM evaluation.indicators WHERE consortium_id = $1 ORDER BY position`, [consortiumId]);
    return rows;
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  await pool.query(`CREATE TABLE IF NOT EXISTS items (id uuid PRIMARY KEY, name text NOT NULL)`);
  const app = await NestFactory.create(BareModule, { logger: ['error'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
