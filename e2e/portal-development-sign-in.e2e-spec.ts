import { join } from 'node:path';
import { ServiceProcess } from '@ccndr/local-stack';
import { TestSystem } from '@ccndr/testing';
import { callFrom, nonLoopbackAddress } from './support/from-address';

const refusedFr = 'Connexion de développement refusée';
const refusedEn = 'Development sign-in refused';
const choice = (consortiumId: string) => new URLSearchParams({ person: JSON.stringify([consortiumId, 'coordinator', 'demo-coordinator', 'Coordination']), return: '/' }).toString();

/**
 * The development sign-in (pick a demo person, get a token) answers only a portal that runs as
 * part of the embedded default, and only to connections from this machine itself.
 */
describe('portal: the development sign-in', () => {
  let system: TestSystem;
  let outsideDefault: ServiceProcess | undefined;
  /** The sign-in calls community alone; the portal is ready when the others answer, so community stands in for them. */
  let standIns: Record<string, string>;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community'] });
    const community = system.service('community').url;
    standIns = { ASSESSMENTS_URL: community, PROVIDER_MATCHING_URL: community, EVALUATION_URL: community };
    await system.startService('portal', standIns);
  });
  afterAll(async () => {
    await outsideDefault?.stop();
    await system?.stop();
  });

  it('signs in from 127.0.0.1 when the portal runs as part of the embedded default', async () => {
    const portal = system.service('portal').url;
    const page = await callFrom('127.0.0.1', `${portal}/sign-in`, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Development environment: pick a demo person');
    const signedIn = await callFrom('127.0.0.1', `${portal}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: choice('00000000-0000-4000-8000-000000000001') });
    expect(signedIn.status).toBe(303);
    expect(String(signedIn.headers.get('set-cookie'))).toContain('ccndr_session=');
  });

  it('is refused, in French and English, to a connection from an address of this machine that is not loopback, and signs no one in', async () => {
    const portal = system.service('portal').url;
    const from = nonLoopbackAddress();
    for (const [language, refused] of [['fr', refusedFr], ['en', refusedEn]]) {
      const page = await callFrom(from, `${portal}/sign-in`, { headers: { 'accept-language': language } });
      expect({ status: page.status, refused: page.body.includes(refused) }).toEqual({ status: 403, refused: true });
      // No list of consortia or people goes out.
      expect(page.body).not.toContain('<select');
    }
    const posted = await callFrom(from, `${portal}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en', 'sec-fetch-site': 'same-origin' }, body: choice('00000000-0000-4000-8000-000000000001') });
    expect(posted.status).toBe(403);
    expect(posted.body).toContain(refusedEn);
    expect(String(posted.headers.get('set-cookie') ?? '')).not.toContain('ccndr_session=');
    // A forwarded header claiming loopback changes nothing: the connection's own address counts.
    const forwarded = await callFrom(from, `${portal}/sign-in`, { headers: { 'x-forwarded-for': '127.0.0.1', 'accept-language': 'en' } });
    expect(forwarded.status).toBe(403);
  });

  it('is refused, even from 127.0.0.1, by a portal that does not run as part of the embedded default', async () => {
    outsideDefault = await ServiceProcess.start('portal', system.serviceEnvironment({ ...standIns, EMBEDDED_DEFAULT: '' }, 'portal'), join(system.logDir, 'outside-default'));
    const page = await callFrom('127.0.0.1', `${outsideDefault.url}/sign-in`, { headers: { 'accept-language': 'fr' } });
    expect(page.status).toBe(403);
    expect(page.body).toContain(refusedFr);
    const posted = await callFrom('127.0.0.1', `${outsideDefault.url}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: choice('00000000-0000-4000-8000-000000000001') });
    expect(posted.status).toBe(403);
    expect(String(posted.headers.get('set-cookie') ?? '')).not.toContain('ccndr_session=');
  });
});
