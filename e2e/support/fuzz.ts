import fc from 'fast-check';

/** The part of an OpenAPI 3.0 schema the services' documents use (zod's JSON Schema output). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  const?: unknown;
  pattern?: string;
  formatMinimum?: string;
  formatMaximum?: string;
  additionalProperties?: boolean | JsonSchema;
}

/** Values no schema expects: wrong types, edge numbers, long, odd or hostile strings. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 0.5, '', ' ', '\u0000', 'null', '{}', '[]', '../../etc/passwd', "' OR 1=1 --", '<script>alert(1)</script>', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ é'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constant('x'.repeat(20_000)),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
);

/**
 * Inputs shaped by a schema, each part of which may be replaced by junk: most inputs pass the
 * outer checks and reach deeper ones, and every level also receives what it does not expect.
 */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: shaped(schema ?? {}, depth) }, { weight: 1, arbitrary: junk });
}

function shaped(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (depth > 5) return junk;
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => fromSchema(s, depth + 1)));
  if (schema.allOf?.length) return fromSchema(Object.assign({}, ...schema.allOf), depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const nullable = (arbitrary: fc.Arbitrary<unknown>) => (schema.nullable ? fc.option(arbitrary, { nil: null }) : arbitrary);
  switch (type) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, s]) => [name, fromSchema(s, depth + 1)]));
      return nullable(fc.record(properties, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) }));
    }
    case 'array':
      return nullable(fc.array(fromSchema(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 6, 6) }));
    case 'string':
      return nullable(stringFor(schema));
    case 'integer':
      return nullable(fc.integer({ min: Math.ceil(schema.minimum ?? -1000), max: Math.floor(schema.maximum ?? 100_000) }));
    case 'number':
      return nullable(fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true }));
    case 'boolean':
      return nullable(fc.boolean());
    default:
      return junk;
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 200), unit: 'grapheme' });
  }
}

/**
 * Inputs a schema accepts, leaning on its edges: the first and last allowed dates, the longest
 * strings, the extreme numbers, non-Latin text. A uuid is one of `ids` (so references may name
 * things that exist) or any other; a property named in `known` takes one of its values half the
 * time (a dimension of the framework, say). Checks a JSON Schema cannot express (a refinement across
 * fields, a reference to something that must exist) may still refuse some; the routes' answers tell.
 */
export function acceptedBy(schema: JsonSchema | undefined, ids: string[] = [], known: Record<string, unknown[]> = {}, depth = 0): fc.Arbitrary<unknown> {
  schema ??= {};
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => acceptedBy(s, ids, known, depth + 1)));
  if (schema.allOf?.length) return acceptedBy(Object.assign({}, ...schema.allOf), ids, known, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const nullable = (arbitrary: fc.Arbitrary<unknown>) => (schema.nullable ? fc.option(arbitrary, { nil: null, freq: 4 }) : arbitrary);
  switch (type) {
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, s]) => [name, known[name]?.length ? fc.oneof(fc.constantFrom(...known[name]), acceptedBy(s, ids, known, depth + 1)) : acceptedBy(s, ids, known, depth + 1)]),
      );
      return nullable(fc.record(properties, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) }));
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return nullable(fc.array(acceptedBy(schema.items, ids, known, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) }));
    }
    case 'string':
      return nullable(acceptedString(schema, ids));
    case 'integer': {
      const min = Math.ceil(schema.minimum ?? -1_000_000);
      const max = Math.floor(schema.maximum ?? 1_000_000);
      return nullable(fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max })));
    }
    case 'number': {
      const min = schema.minimum ?? -1_000_000;
      const max = schema.maximum ?? 1_000_000;
      return nullable(fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true })));
    }
    case 'boolean':
      return nullable(fc.boolean());
    default:
      return fc.constant(null);
  }
}

function acceptedString(schema: JsonSchema, ids: string[]): fc.Arbitrary<string> {
  const bounded = (from: string | undefined, to: string | undefined, fallback: [string, string]) => {
    const [min, max] = [new Date(from ?? fallback[0]), new Date(to ?? fallback[1])];
    return fc.oneof(fc.constantFrom(min, max), fc.date({ min, max, noInvalidDate: true }));
  };
  switch (schema.format) {
    case 'uuid':
      return ids.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
    case 'date':
      return bounded(schema.formatMinimum, schema.formatMaximum, ['0001-01-01', '9999-12-31']).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return bounded(schema.formatMinimum, schema.formatMaximum, ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z']).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
    case 'uri':
      return fc.webUrl({ validSchemes: ['https'] });
  }
  const minLength = Math.max(schema.minLength ?? 0, 1);
  const maxLength = Math.min(schema.maxLength ?? 200, 20_000);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((v) => v.length >= (schema.minLength ?? 0) && v.length <= maxLength);
  // Text that survives trimming: the longest allowed, accented and non-Latin, or anything in between.
  const text = (length: number) => fc.constantFrom('é', 'ß', '漢', 'x', 'ᐃ').map((c) => c.repeat(length));
  return fc.oneof(text(maxLength), text(minLength), fc.string({ minLength, maxLength: Math.min(maxLength, 60), unit: 'grapheme' }).filter((v) => v.trim().length >= minLength && !v.includes('\u0000')));
}
