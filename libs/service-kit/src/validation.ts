import { BadRequestException, PipeTransform } from '@nestjs/common';
import { ApiBodyOptions } from '@nestjs/swagger';
import { z } from 'zod';

/** Validates a request body (or param) against a zod schema: 400 naming every offending field. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  /** `field` names a route parameter validated by this pipe; bodies name their own fields. */
  constructor(
    private readonly schema: T,
    private readonly field?: string,
  ) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const errors = result.error.issues.map((issue) => ({ field: [this.field, ...issue.path].filter((p) => p !== undefined).join('.') || '(body)', message: issue.message }));
    throw new BadRequestException({ message: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
  }
}

/** The same schema as an OpenAPI request body. */
export function openApiBody(schema: z.ZodType, description?: string): ApiBodyOptions {
  return { schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as any, description };
}

export const uuidParam = z.uuid();
