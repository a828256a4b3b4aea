import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, say } from '@ccndr/contracts';
import { JsonLogger } from '@ccndr/observability';
import { ProblemFilter } from './problem.filter';
import { parseOrRefuse } from './validation';

/** What the filter answers, for an error and the request's Accept-Language. */
function answer(error: unknown, language = 'en') {
  const sent: { status?: number; headers: Record<string, string>; body?: any } = { headers: {} };
  const response = {
    status: (code: number) => ((sent.status = code), response),
    type: () => response,
    setHeader: (name: string, value: string) => void (sent.headers[name] = value),
    send: (body: unknown) => void (sent.body = body),
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ url: '/consortia/x', headers: { 'accept-language': language } }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemFilter(new JsonLogger('test', 'error')).catch(error, host);
  return sent;
}

describe('the problem filter', () => {
  it('answers a domain error with its code, its type, the catalogue’s title and the detail in the language asked for', () => {
    const refusal = new DomainError('gathering.full', { field: 'response', detail: say('the gathering is full (20 going)', 'la rencontre est complète (20 présences prévues)') });
    expect(answer(refusal, 'fr-CA').body).toEqual({
      type: 'urn:ccndr:problem:gathering.full',
      title: 'La rencontre est complète.',
      status: 409,
      detail: 'response\u00a0: la rencontre est complète (20 présences prévues)',
      instance: '/consortia/x',
      code: 'gathering.full',
      errors: [{ code: 'gathering.full', field: 'response', detail: 'la rencontre est complète (20 présences prévues)' }],
    });
    expect(answer(refusal, 'en').body).toMatchObject({ title: 'The gathering is full.', detail: 'response: the gathering is full (20 going)' });
  });

  it('says the catalogue’s text when the error gives no detail, and adds no errors[] without a field', () => {
    const body = answer(new DomainError('survey.already-answered'), 'en').body;
    expect(body).toMatchObject({ status: 409, code: 'survey.already-answered', detail: 'You already answered this survey.' });
    expect(body).not.toHaveProperty('errors');
  });

  it('names every invalid field with the code of its failure', () => {
    const schema = z.strictObject({ title: z.string().min(1).max(5), startsAt: z.iso.datetime(), kind: z.enum(['workshop']), capacity: z.number().int().min(1).optional(), notes: z.string().optional() });
    let refusal: unknown;
    try {
      parseOrRefuse(schema, { title: 'far too long', startsAt: 'tomorrow', kind: 'party', capacity: 0, extra: true });
    } catch (error) {
      refusal = error;
    }
    const body = answer(refusal, 'fr').body;
    expect(body).toMatchObject({ status: 400, code: 'request.invalid-fields', type: 'urn:ccndr:problem:request.invalid-fields' });
    expect(body.errors.map((e: { code: string; field: string }) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        ['title', 'field.too-long'],
        ['startsAt', 'field.not-a-date'],
        ['kind', 'field.not-one-of'],
        ['capacity', 'field.out-of-range'],
        ['(body)', 'field.unknown'],
      ]),
    );
    expect(body.errors.every((e: { detail: unknown }) => typeof e.detail === 'string' && e.detail.length > 0)).toBe(true);
    expect(() => parseOrRefuse(schema, { startsAt: '2026-01-01T00:00:00Z', kind: 'workshop', title: '' })).toThrow(
      expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'title', code: 'field.required' })] } }),
    );
    expect(() => parseOrRefuse(schema, { startsAt: '2026-01-01T00:00:00Z', kind: 'workshop' })).toThrow(
      expect.objectContaining({ details: { errors: [expect.objectContaining({ field: 'title', code: 'field.required' })] } }),
    );
  });

  it('gives Nest’s own refusals (an unknown route) the code of their status', () => {
    expect(answer(new NotFoundException('Cannot GET /nowhere'), 'en').body).toMatchObject({ status: 404, code: 'resource.not-found', type: 'urn:ccndr:problem:resource.not-found' });
  });

  it.each([
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['shutting down', { message: 'terminating connection due to administrator command', driverError: { code: '57P01' } }],
    ['cut', new Error('Connection terminated unexpectedly')],
    ['refused to the service’s role', Object.assign(new Error('role "ccndr_community" is not permitted to log in'), { code: '28000' })],
    ['out of connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
  ])('answers 503 with Retry-After when the database connection is %s', (_, error) => {
    const sent = answer(error);
    expect(sent).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, body: { code: 'server.database-unavailable', detail: expect.stringContaining('retry') } });
  });

  it('answers 503 with Retry-After when every connection of the pool stayed busy while the request waited', () => {
    const sent = answer(new Error('timeout exceeded when trying to connect'), 'fr');
    expect(sent).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, body: { code: 'server.database-unavailable', detail: 'le service est occupé\u00a0: toutes ses connexions à la base de données sont prises\u00a0; réessayez sous peu' } });
  });

  it('answers 500 without internals to anything else', () => {
    expect(answer(new TypeError('undefined is not a function')).body).toMatchObject({ status: 500, code: 'server.unexpected', detail: 'an unexpected error occurred' });
  });
});
