import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';

/**
 * The HTTP benchmark's baseline: a bare NestJS application whose routes do one insert, and one
 * select of a consortium's indicator rows, with a plain pg pool — no authentication, validation,
 * tenancy, outbox or tracing.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: `-c search_path=${process.env.SCHEMA}` });

@Controller()
class BareController {
  @Post('items')
  async create(@Body() body: { id: string; name: string }) {
    await pool.query(`INSERT INTO items (id, name) VALUES ($1, $2)`, [body.id, body.name]);
    return { id: body.id };
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
