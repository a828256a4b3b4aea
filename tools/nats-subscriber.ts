/**
 * The NATS grant of an outside programme (a subscriber), as infra/nats/nats-server.conf and the
 * Helm values hold it: `npm run operator -- subscriber add` prints it, and the checks compare the
 * shipped `subscriber-example` with it.
 */

const stream = 'CCNDR_EVENTS';
/** Names NATS accepts as one subject token, kept to what reads well in a configuration file. */
const namePattern = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface SubscriberGrant {
  user: string;
  passwordVariable: string;
  consumers: string[];
  inboxPrefix: string;
  publish: string[];
  subscribe: string[];
}

/**
 * Read-only: stream information; create, read, pull from, ack and delete its own durable
 * consumers, each by its exact name (subject wildcards match whole tokens only, and a consumer
 * name is one token, so no prefix can be granted); receive on its own inbox prefix.
 */
export function subscriberGrant(programme: string, consumers: string[] = [programme]): SubscriberGrant {
  for (const name of [programme, ...consumers]) {
    if (!namePattern.test(name)) throw new Error(`${name}: a programme or consumer name is lower-case letters, digits and hyphens (at most 63, starting with a letter or digit)`);
  }
  const user = `subscriber-${programme}`;
  const inboxPrefix = `_INBOX_${user}`;
  const publish = ['$JS.API.INFO', `$JS.API.STREAM.INFO.${stream}`];
  for (const consumer of consumers) {
    publish.push(
      `$JS.API.CONSUMER.CREATE.${stream}.${consumer}`,
      // The filter subject follows the name when a client gives one.
      `$JS.API.CONSUMER.CREATE.${stream}.${consumer}.>`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.${consumer}`,
      `$JS.API.CONSUMER.INFO.${stream}.${consumer}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`,
      `$JS.API.CONSUMER.DELETE.${stream}.${consumer}`,
      `$JS.ACK.${stream}.${consumer}.>`,
    );
  }
  return { user, passwordVariable: `NATS_${user.replace(/-/g, '_').toUpperCase()}_PASSWORD`, consumers, inboxPrefix, publish, subscribe: [`${inboxPrefix}.>`] };
}

const quoted = (subjects: string[]) => subjects.map((s) => `"${s}"`);

/** The user's block in the PLATFORM account's `users` of nats-server.conf. */
export function confBlock(grant: SubscriberGrant): string {
  return [
    `      { user: ${grant.user}, password: $${grant.passwordVariable},`,
    '        permissions: {',
    '          publish: [',
    quoted(grant.publish).map((s, i, all) => `            ${s}${i < all.length - 1 ? ',' : ''}`).join('\n'),
    '          ],',
    `          subscribe: [${quoted(grant.subscribe).join(', ')}]`,
    '        } }',
  ].join('\n');
}

/** The user's entry under `config.merge.accounts.PLATFORM.users` of the Helm values. */
export function helmUserEntry(grant: SubscriberGrant): string {
  return [
    `          - user: ${grant.user}`,
    `            password: << $${grant.passwordVariable} >>`,
    '            permissions:',
    '              publish:',
    quoted(grant.publish).map((s) => `                - ${s}`).join('\n'),
    `              subscribe: [${quoted(grant.subscribe).join(', ')}]`,
  ].join('\n');
}

/** The password's entry under `container.env` of the Helm values. */
export function helmEnvEntry(grant: SubscriberGrant): string {
  return `    ${grant.passwordVariable}: { valueFrom: { secretKeyRef: { name: nats-passwords, key: ${grant.passwordVariable} } } }`;
}

/** Users and consumer names a configuration file grants already (a new programme takes none of them). */
export function grantedNames(conf: string): { users: string[]; consumers: string[] } {
  return {
    users: [...conf.matchAll(/\{ user: ([a-z0-9-]+),/g)].map((m) => m[1]),
    consumers: [...new Set([...conf.matchAll(/\$JS\.API\.CONSUMER\.[A-Z.]*CREATE\.CCNDR_EVENTS\.([a-z0-9-]+)/g)].map((m) => m[1]))],
  };
}

