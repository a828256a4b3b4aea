import { ArgumentMetadata, BadRequestException, PipeTransform, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBodyOptions } from '@nestjs/swagger';
import { z } from 'zod';
import { Bilingual, say } from '@ccndr/contracts';

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
    if (metadata?.type === 'body' && typeof value === 'string') throw new UnsupportedMediaTypeException(say('send the body as application/json', 'envoyez le corps en application/json'));
    return parseOrRefuse(this.schema, value, this.field);
  }
}

/** The value as the schema reads it, or a 400 naming every offending field, in English and French. */
export function parseOrRefuse<T extends z.ZodType>(schema: T, value: unknown, fieldPrefix?: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    // PostgreSQL text cannot hold U+0000, and no person types it: refused like any invalid field.
    const nul = fieldsWithNul(result.data, fieldPrefix);
    if (nul.length) throw fieldsRefused(nul.map((field) => ({ field, message: say('must not contain the NUL character (U+0000)', 'ne doit pas contenir le caractère NUL (U+0000)') })));
    return result.data;
  }
  // The same issues in French: zod's French messages, and a schema's own from its `params.fr`.
  const inFrench = schema.safeParse(value, { error: french }).error?.issues ?? [];
  const errors = result.error.issues.map((issue, i) => ({
    field: [fieldPrefix, ...issue.path].filter((p) => p !== undefined).join('.') || '(body)',
    message: say(issue.message, (issue.code === 'custom' && typeof issue.params?.fr === 'string' ? issue.params.fr : inFrench[i]?.message) ?? issue.message),
  }));
  throw fieldsRefused(errors);
}

function fieldsWithNul(value: unknown, path: string | undefined): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || '(body)'] : [];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [...(key.includes('\u0000') ? [path || '(body)'] : []), ...fieldsWithNul(item, path ? `${path}.${key}` : key)]);
  }
  return [];
}

/** A schema's own message (a refinement's, a custom issue's) in English and French. */
export function schemaMessage(en: string, fr: string): { message: string; params: { fr: string } } {
  return { message: en, params: { fr } };
}

/** The 400 for invalid fields: each field with its message, and a detail naming them all. */
export function fieldsRefused(errors: { field: string; message: Bilingual }[]): BadRequestException {
  const detail = (language: 'en' | 'fr') => errors.map((e) => `${e.field}${language === 'fr' ? ' : ' : ': '}${e.message[language]}`).join('; ');
  return new BadRequestException({ message: say(detail('en'), detail('fr')), errors });
}

/** The same schema as an OpenAPI request body. */
export function openApiBody(schema: z.ZodType, description?: string): ApiBodyOptions {
  return { schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as any, description };
}

export const uuidParam = z.uuid();
