import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { say } from '@ccndr/contracts';
import { JsonLogger } from '@ccndr/observability';
import { ProblemFilter } from './problem.filter';

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
  it('answers a refusal in the language asked for', () => {
    const refusal = new NotFoundException(say('gathering not found', 'rencontre introuvable'));
    expect(answer(refusal, 'fr-CA').body).toMatchObject({ status: 404, title: 'Introuvable', detail: 'rencontre introuvable' });
    expect(answer(refusal, 'en').body).toMatchObject({ status: 404, title: 'Not found', detail: 'gathering not found' });
  });

  it.each([
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['shutting down', { message: 'terminating connection due to administrator command', driverError: { code: '57P01' } }],
    ['cut', new Error('Connection terminated unexpectedly')],
  ])('answers 503 with Retry-After when the database connection is %s', (_, error) => {
    const sent = answer(error);
    expect(sent).toMatchObject({ status: 503, headers: { 'Retry-After': '1' }, body: { title: 'Service unavailable', detail: expect.stringContaining('retry') } });
  });

  it('answers 500 without internals to anything else', () => {
    expect(answer(new TypeError('undefined is not a function')).body).toMatchObject({ status: 500, detail: 'an unexpected error occurred' });
  });
});
