import { z } from 'zod';

export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  /** CloudEvents `type`, also the subject stem: ccndr.<context>.<aggregate>.<event>.v<major>. */
  readonly type: string;
  readonly context: string;
  readonly aggregate: string;
  readonly event: string;
  readonly version: number;
  readonly schema: TSchema;
  /** CloudEvents `subject` of an event with this data: the aggregate it is about, e.g. `gathering/<id>`. */
  readonly subjectOf: (data: z.infer<TSchema>) => string;
}

export type EventData<T extends EventDefinition> = z.infer<T['schema']>;

export function defineEvent<TSchema extends z.ZodType>(
  context: string,
  aggregate: string,
  event: string,
  version: number,
  schema: TSchema,
  subjectOf: (data: z.infer<TSchema>) => string,
): EventDefinition<TSchema> {
  return { type: `ccndr.${context}.${aggregate}.${event}.v${version}`, context, aggregate, event, version, schema, subjectOf };
}
