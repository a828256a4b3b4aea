import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ApiBodyOptions } from '@nestjs/swagger';
import { z } from 'zod';
import { DomainError, ErrorCode, FieldError, isErrorCode, say } from '@ccndr/contracts';

const french = z.locales.frCA().localeError;

/** Validates a request body (or param) against a zod schema: 400 naming every offending field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  /** `field` names a route parameter validated by this pipe; bodies name their own fields. */
  constructor(
    private readonly schema: T,
    private readonly field?: string,
  ) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.infer<T> {
    // JSON bodies are objects or lists (the parser is strict): a text body is a CSV sent to a JSON route.
    if (metadata?.type === 'body' && typeof value === 'string') throw new DomainError('request.unsupported-media-type', { detail: say('send the body as application/json', 'envoyez le corps en application/json') });
    return parseOrRefuse(this.schema, value, this.field);
  }
}

/** The value as the schema reads it, or a 400 naming every offending field with its code, in English and French. */
export function parseOrRefuse<T extends z.ZodType>(schema: T, value: unknown, fieldPrefix?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    // PostgreSQL text cannot hold U+0000, and no person types it: refused like any invalid field.
    const nul = fieldsWithNul(result.data, fieldPrefix);
    if (nul.length) throw fieldsRefused(nul.map((field) => ({ code: 'field.contains-nul', field, detail: say('must not contain the NUL character (U+0000)', 'ne doit pas contenir le caractère NUL (U+0000)') })));
    return result.data;
  }
  // The same issues in French: zod's French messages, and a schema's own from its `params.fr`.
  const inFrench = schema.safeParse(value, { error: french }).error?.issues ?? [];
  const errors = result.error.issues.map((issue, i) => ({
    code: issueCode(issue, value),
    field: [fieldPrefix, ...issue.path].filter((p) => p !== undefined).join('.') || '(body)',
    detail: say(issue.message, (issue.code === 'custom' && typeof issue.params?.fr === 'string' ? issue.params.fr : inFrench[i]?.message) ?? issue.message),
  }));
  throw fieldsRefused(errors);
}

/** The catalogue's code for a validator's issue: what a client shows a person instead of the validator's words. */
export function issueCode(issue: z.core.$ZodIssue, input: unknown): ErrorCode {
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return 'field.required';
      return issue.expected === 'number' || issue.expected === 'int' ? 'field.not-a-number' : 'field.wrong-type';
    case 'too_big':
      if (issue.origin === 'string') return 'field.too-long';
      if (issue.origin === 'array' || issue.origin === 'set') return 'field.too-many';
      return 'field.out-of-range';
    case 'too_small':
      // An empty text where one is needed is a missing answer to a person.
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'field.required' : 'field.too-short';
      if (issue.origin === 'array' || issue.origin === 'set') return 'field.too-few';
      return 'field.out-of-range';
    case 'invalid_value':
      return 'field.not-one-of';
    case 'invalid_format':
      if (['date', 'datetime', 'time', 'duration'].includes(issue.format)) return 'field.not-a-date';
      if (issue.format === 'email') return 'field.not-an-email';
      if (issue.format === 'url') return 'field.not-a-url';
      if (['uuid', 'guid', 'uuidv4', 'uuidv6', 'uuidv7'].includes(issue.format)) return 'field.not-an-id';
      return 'field.invalid-format';
    case 'unrecognized_keys':
      return 'field.unknown';
    case 'not_multiple_of':
      return issue.divisor === 1 ? 'field.not-a-whole-number' : 'field.invalid';
    case 'custom':
      return isErrorCode(issue.params?.code) ? issue.params.code : 'field.invalid';
    default:
      return 'field.invalid';
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), input);
}

function fieldsWithNul(value: unknown, path: string | undefined): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || '(body)'] : [];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [...(key.includes('\u0000') ? [path || '(body)'] : []), ...fieldsWithNul(item, path ? `${path}.${key}` : key)]);
  }
  return [];
}

/** A schema's own refusal (a refinement's, a custom issue's): its code in the catalogue, and its message in English and French. */
export function schemaMessage(code: ErrorCode, en: string, fr: string): { message: string; params: { code: ErrorCode; fr: string } } {
  return { message: en, params: { code, fr } };
}

/** The 400 for invalid fields: each field with its code and detail. */
export function fieldsRefused(errors: FieldError[]): DomainError {
  return new DomainError('request.invalid-fields', { errors });
}

/** The same schema as an OpenAPI request body. */
export function openApiBody(schema: z.ZodType, description?: string): ApiBodyOptions {
  return { schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as any, description };
}

export const uuidParam = z.uuid();
