/** Root token of every platform subject. */
export const subjectRoot = 'ccndr';

/**
 * The one place a subject is built: ccndr.<context>.<aggregate>.<event>.v<major>.<consortiumId>.
 * `namespace` prefixes it for isolated deployments (tests, previews); production leaves it empty.
 */
export function eventSubject(type: string, consortiumId: string, namespace = ''): string {
  return `${namespace ? `${namespace}.` : ''}${type}.${consortiumToken(consortiumId)}`;
}

function consortiumToken(consortiumId: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(consortiumId)) throw new Error(`consortium id "${consortiumId}" is not a valid subject token`);
  return consortiumId;
}

/** Wildcard subject matching every platform event in a namespace. */
export function allEventsSubject(namespace = ''): string {
  return `${namespace ? `${namespace}.` : ''}${subjectRoot}.>`;
}

/** Wildcard subject matching every event of one bounded context, e.g. all of `community`. */
export function contextEventsSubject(context: string, namespace = ''): string {
  return `${namespace ? `${namespace}.` : ''}${subjectRoot}.${context}.>`;
}

/** Wildcard subject matching every event of one consortium, whatever its context and type. */
export function consortiumEventsSubject(consortiumId: string, namespace = ''): string {
  return `${namespace ? `${namespace}.` : ''}${subjectRoot}.*.*.*.*.${consortiumToken(consortiumId)}`;
}

/** The event type and consortium a subject names (whatever its namespace), or undefined for another subject. */
export function parseEventSubject(subject: string): { type: string; consortiumId: string } | undefined {
  const tokens = subject.split('.');
  const at = tokens.lastIndexOf(subjectRoot, tokens.length - 6);
  if (at < 0 || tokens.length - at !== 6) return undefined;
  return { type: tokens.slice(at, at + 5).join('.'), consortiumId: tokens[at + 5] };
}
