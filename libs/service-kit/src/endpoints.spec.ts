import { Controller, INestApplication, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';
import { JsonLogger } from '@ccndr/observability';
import { ConsortiumId, IdParam, ValidBody, ValidQuery } from './endpoints';
import { ProblemFilter } from './problem.filter';

const noteBody = z.strictObject({ text: z.string().min(1).max(20) });
const notesQuery = z.strictObject({ tag: z.string().optional().describe('a tag the notes carry'), limit: z.coerce.number().int().min(1).max(50) });

@Controller('consortia/:consortiumId/notes')
class NotesController {
  @Post(':noteId')
  note(@ConsortiumId() consortiumId: string, @IdParam('noteId') noteId: string, @ValidQuery(notesQuery) query: z.infer<typeof notesQuery>, @ValidBody(noteBody) body: z.infer<typeof noteBody>) {
    return { consortiumId, noteId, query, body };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

describe('the route parameter decorators', () => {
  let app: INestApplication;
  let base: string;
  let document: OpenAPIObject;
  const consortium = '8f4b0a52-3c1e-4d8e-9a57-1b2c3d4e5f60';
  const note = '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5';

  beforeAll(async () => {
    app = await NestFactory.create(NotesModule, { logger: false });
    // Refusals become problem documents as in every service.
    app.useGlobalFilters(new ProblemFilter(new JsonLogger('test', 'error')));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  });
  afterAll(() => app.close());

  const post = (path: string, body: unknown) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('hand the route its consortium, its id, and the query and body as their schemas read them', async () => {
    const response = await post(`/consortia/${consortium}/notes/${note}?limit=3`, { text: 'hello' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ consortiumId: consortium, noteId: note, query: { limit: 3 }, body: { text: 'hello' } });
  });

  it.each([
    ['an id that is not a UUID', `/consortia/${consortium}/notes/42?limit=3`, { text: 'hello' }, 'noteId'],
    ['a query its schema refuses', `/consortia/${consortium}/notes/${note}?limit=500`, { text: 'hello' }, 'limit'],
    ['a body its schema refuses', `/consortia/${consortium}/notes/${note}?limit=3`, { text: '' }, 'text'],
  ])('refuse %s with a 400 naming the field', async (_, path, body, field) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(field);
  });

  it('document the body and each query field from the same schemas that validate them', () => {
    const operation = document.paths['/consortia/{consortiumId}/notes/{noteId}'].post!;
    const parameters = (operation.parameters ?? []) as { name: string; in: string; required?: boolean; description?: string }[];
    expect(parameters.filter((p) => p.in === 'query').map(({ name, required, description }) => ({ name, required, description }))).toEqual([
      { name: 'tag', required: false, description: 'a tag the notes carry' },
      { name: 'limit', required: true, description: undefined },
    ]);
    expect(operation.requestBody).toMatchObject({ content: { 'application/json': { schema: { properties: { text: { type: 'string', minLength: 1, maxLength: 20 } }, required: ['text'] } } } });
  });
});
