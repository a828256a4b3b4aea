import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { confBlock, grantedNames, helmUserEntry, subscriberGrant } from './nats-subscriber';

const infra = join(__dirname, '..', 'infra');

/** The grant `npm run operator -- subscriber add` prints (e2e/nats-permissions.e2e-spec.ts runs it on a server). */
describe('a subscribing programme’s NATS grant', () => {
  it('is what the shipped configuration and Helm values give subscriber-example', () => {
    const grant = subscriberGrant('example');
    expect(readFileSync(join(infra, 'nats', 'nats-server.conf'), 'utf8')).toContain(`${confBlock(grant)}\n`);
    const values = parse(readFileSync(join(infra, 'kubernetes', 'nats-values.yaml'), 'utf8'));
    const shipped = values.config.merge.accounts.PLATFORM.users.find((u: { user: string }) => u.user === 'subscriber-example');
    expect(shipped).toEqual(parse(helmUserEntry(grant))[0]);
  });

  it('names each consumer exactly, on the events stream only, and one inbox prefix', () => {
    const grant = subscriberGrant('partner', ['partner-live', 'partner-audit']);
    expect(grant).toMatchObject({ user: 'subscriber-partner', passwordVariable: 'NATS_SUBSCRIBER_PARTNER_PASSWORD', subscribe: ['_INBOX_subscriber-partner.>'] });
    // No wildcard but the filter subject after a consumer's own name and the ack subjects' tail.
    for (const subject of grant.publish) expect(subject).toMatch(/^\$JS\.(API\.(INFO|STREAM\.INFO\.CCNDR_EVENTS|CONSUMER\.[A-Z.]+\.CCNDR_EVENTS\.partner-(live|audit)(\.>)?)|ACK\.CCNDR_EVENTS\.partner-(live|audit)\.>)$/);
    expect(grant.publish.filter((s) => s.includes('.partner-audit'))).toHaveLength(7);
  });

  it('refuses names that are not one plain subject token', () => {
    for (const name of ['Partner', 'a.b', 'a*', '>', '', '-lead', 'a b']) expect(() => subscriberGrant(name)).toThrow(/lower-case letters, digits and hyphens/);
    expect(() => subscriberGrant('partner', ['ok', 'not.ok'])).toThrow(/not\.ok/);
  });

  it('knows the users and consumer names a configuration holds already', () => {
    const granted = grantedNames(readFileSync(join(infra, 'nats', 'nats-server.conf'), 'utf8'));
    expect(granted.users).toEqual(['community', 'assessments', 'provider-matching', 'evaluation', 'operator', 'subscriber-example', 'system']);
    expect(granted.consumers.sort()).toEqual(['assessments', 'assessments-replay', 'community-engagement-notifications', 'community-journey-notifications', 'community-notifications', 'evaluation', 'evaluation-0', 'evaluation-1', 'evaluation-2', 'evaluation-3', 'evaluation-4', 'evaluation-5', 'evaluation-6', 'evaluation-7', 'evaluation-replay', 'example', 'provider-matching', 'provider-matching-readiness', 'provider-matching-readiness-replay', 'provider-matching-replay']);
  });
});
