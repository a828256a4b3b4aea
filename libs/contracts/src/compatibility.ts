import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventDataJsonSchema } from './asyncapi';
import { eventCatalog } from './catalog';
import { EventDefinition } from './define-event';
import { dateBounds, dateTimeBounds } from './vocabulary';

/** The JSON Schemas of every event version as last released: what subscribers and the stream hold. */
export const releasedSchemasFile = join(__dirname, '..', 'released', 'event-schemas.json');

type Schema = Record<string, any>;

export function currentSchemas(catalog: readonly EventDefinition[] = eventCatalog): Record<string, Schema> {
  return Object.fromEntries(catalog.map((definition) => [definition.type, eventDataJsonSchema(definition)]));
}

export function readReleasedSchemas(file = releasedSchemasFile): Record<string, Schema> {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Records the current schemas as released (run when a catalogue version is published). */
export function releaseSchemas(file = releasedSchemasFile): void {
  writeFileSync(file, `${JSON.stringify(currentSchemas(), null, 2)}\n`);
}

/** Keywords that describe a schema without constraining it: changing them breaks nobody. */
const descriptive = new Set(['description', 'title', 'examples', '$comment']);
/** Keywords compared structurally below; every other keyword must stay exactly as released. */
const structural = new Set(['properties', 'required', 'items', 'anyOf', 'oneOf', 'allOf', 'type']);

/**
 * The one tightening allowed inside a version: a date or date-time field of a released version that
 * had no bounds gains the platform's (years 1900–2200). Such dates never were usable: PostgreSQL
 * stores no year 0000, so a consumer dead-lettered them or stored something else; the bound makes the
 * producing command refuse them instead. A new event still passes the released schema.
 */
function platformDateBound(keyword: string, released: Schema, current: Schema): boolean {
  const bounds = current.format === 'date' ? dateBounds : current.format === 'date-time' ? dateTimeBounds : undefined;
  if (!bounds || released.format !== current.format || released[keyword] !== undefined) return false;
  return (keyword === 'formatMinimum' && current[keyword] === bounds.minimum) || (keyword === 'formatMaximum' && current[keyword] === bounds.maximum);
}

function typesOf(schema: Schema): string {
  const type = schema.type;
  return type === undefined ? '(any)' : [type].flat().sort().join('|');
}

/**
 * What a change from `released` to `current` breaks, one line per problem. Inside a version the
 * stream keeps old events forever (services replay them with the current schema) and subscribers
 * read new events with the released one, so the only change allowed is a new optional field:
 * a removed field, a changed type, a new required field, a field made optional or any changed
 * constraint (allowed values, format, bounds) breaks one side or the other, but for the platform's
 * date bounds (see platformDateBound).
 */
function compareSchemas(released: Schema, current: Schema, path: string, problems: string[]): void {
  const at = path || '(data)';
  if (typesOf(released) !== typesOf(current)) {
    problems.push(`${at}: type changed from ${typesOf(released)} to ${typesOf(current)}`);
    return;
  }
  for (const keyword of new Set([...Object.keys(released), ...Object.keys(current)])) {
    if (descriptive.has(keyword) || structural.has(keyword) || platformDateBound(keyword, released, current)) continue;
    if (JSON.stringify(released[keyword]) !== JSON.stringify(current[keyword])) {
      problems.push(`${at}: ${keyword} changed from ${JSON.stringify(released[keyword])} to ${JSON.stringify(current[keyword])}`);
    }
  }
  const releasedProperties: Schema = released.properties ?? {};
  const currentProperties: Schema = current.properties ?? {};
  const releasedRequired = new Set<string>(released.required ?? []);
  const currentRequired = new Set<string>(current.required ?? []);
  for (const [name, schema] of Object.entries(releasedProperties)) {
    const field = path ? `${path}.${name}` : name;
    if (!(name in currentProperties)) {
      problems.push(`${field}: field removed`);
      continue;
    }
    if (releasedRequired.has(name) && !currentRequired.has(name)) problems.push(`${field}: required field made optional`);
    if (!releasedRequired.has(name) && currentRequired.has(name)) problems.push(`${field}: optional field made required`);
    compareSchemas(schema, currentProperties[name], field, problems);
  }
  for (const name of Object.keys(currentProperties)) {
    if (!(name in releasedProperties) && currentRequired.has(name)) problems.push(`${path ? `${path}.${name}` : name}: new required field`);
  }
  if (released.items || current.items) {
    if (!released.items || !current.items) problems.push(`${at}: items changed`);
    else compareSchemas(released.items, current.items, `${path}[]`, problems);
  }
  for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
    const before: Schema[] = released[combinator] ?? [];
    const after: Schema[] = current[combinator] ?? [];
    if (before.length !== after.length) {
      problems.push(`${at}: ${combinator} changed from ${before.length} to ${after.length} alternatives`);
      continue;
    }
    before.forEach((alternative, i) => compareSchemas(alternative, after[i], `${path}(${combinator} ${i + 1})`, problems));
  }
}

/**
 * The contract compatibility gate: every released event version must still exist and accept the
 * same events. New versions may appear freely.
 */
export function checkCompatibility(released: Record<string, Schema>, current: Record<string, Schema>): string[] {
  const problems: string[] = [];
  for (const [type, schema] of Object.entries(released)) {
    if (!current[type]) {
      problems.push(`${type}: released version removed from the catalogue`);
      continue;
    }
    const found: string[] = [];
    compareSchemas(schema, current[type], '', found);
    problems.push(...found.map((problem) => `${type}: ${problem}`));
  }
  return problems;
}
