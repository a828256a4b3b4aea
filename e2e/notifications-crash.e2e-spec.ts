import { ParsedMail } from 'mailparser';
import { expectEventually, TestSystem } from '@ccndr/testing';
import { MailServer, recipientOf } from './support/mail-server';
import { freeRangeBelowEphemeral } from './support/ports';
import { createConsortium } from './support/programme';

const members = 6;
/** The messages whose arrival kills community before the mail server's answer reaches it: the 1st and the 4th. */
const crashAt = [1, 4];

/**
 * The crash window of the mail queue, measured: community is killed (SIGKILL) after the mail server
 * has a message and before community hears it accepted, so before the row is marked sent. Started
 * again, it sends that message once more: nothing is lost, and each crash costs at most one duplicate.
 */
describe('notifications: a crash between the mail server’s acceptance and the record', () => {
  let system: TestSystem;
  let smtp: MailServer;
  let arrivals = 0;
  let restarted: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    smtp = new MailServer((await freeRangeBelowEphemeral(1)) + 1, [], async (_mail: ParsedMail) => {
      arrivals++;
      if (!crashAt.includes(arrivals)) return;
      const community = system.service('community');
      await community.stop('SIGKILL');
      // Started again while the server answers a sender that is gone.
      restarted = restarted.then(() => community.restart());
    });
    await smtp.start();
    system = await TestSystem.start({
      services: ['community'],
      env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PORTAL_URL: 'https://portail.example.org', MAIL_POLL_INTERVAL_MS: '200', MAIL_RETRY_BASE_MS: '200', MAIL_RETRY_MAX_MS: '1000' },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
  });

  it(`loses no invitation and sends at most one duplicate per crash (${crashAt.length} crashes, ${members} members)`, async () => {
    const { consortiumId, coordinator } = await createConsortium(system);
    const api = (method: string, path: string, body?: unknown) => system.call('community', method, `/consortia/${consortiumId}${path}`, { token: coordinator, body });
    const organization = (await api('POST', '/organizations', { name: 'Carrefour jeunesse-emploi', category: 'youth-employment-nonprofit', provinceOrTerritory: 'QC', country: 'CA', preferredLanguage: 'fr' })).body.id;
    const addresses = Array.from({ length: members }, (_, i) => `membre-${i + 1}@cje.example.org`);
    for (const [i, email] of addresses.entries()) {
      expect((await api('POST', '/members', { organizationId: organization, displayName: `Membre ${i + 1}`, email, role: 'nonprofit-staff' })).status).toBe(201);
    }
    const startsAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    expect((await api('POST', '/gatherings', { kind: 'consortium-meeting', title: 'Rencontre', startsAt })).status).toBe(201);

    // Every invitation marked sent in the end, community having come back after each crash.
    await expectEventually(async () => {
      await restarted;
      const rows = await system.sql<{ status: string }>(`SELECT status FROM community.mail_queue WHERE consortium_id = $1 AND kind = 'gathering-invitation'`, [consortiumId]);
      expect(rows.map((r) => r.status)).toEqual(addresses.map(() => 'sent'));
    }, { timeoutMs: 120_000 });

    const received = new Map<string, number>();
    for (const mail of smtp.received) received.set(recipientOf(mail), (received.get(recipientOf(mail)) ?? 0) + 1);
    // Nothing lost: everyone has theirs.
    expect([...received.keys()].sort()).toEqual([...addresses].sort());
    // The crashes happened, and each cost at most one duplicate.
    expect(arrivals).toBeGreaterThanOrEqual(Math.max(...crashAt));
    const duplicates = [...received.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(crashAt.length);
    expect([...received.values()].every((n) => n <= 2)).toBe(true);
  });
});
