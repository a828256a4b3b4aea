import { z } from 'zod';
import { findEventDefinition } from './catalog';
import { CloudEventEnvelope, cloudEventEnvelope } from './envelope';

export type ParseResult =
  | { ok: true; event: CloudEventEnvelope }
  | { ok: false; reason: string; /** The envelope is valid but its type is not in this catalogue (e.g. a newer version). */ unknownType?: true };

function describe(error: z.ZodError, prefix: string): string {
  return error.issues.map((issue) => `${[prefix, ...issue.path].filter((p) => p !== '').join('.')}: ${issue.message}`).join('; ');
}

/** Validates an envelope and its data against the schema of its event version. */
export function parseEvent(raw: unknown): ParseResult {
  const envelope = cloudEventEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `invalid envelope: ${describe(envelope.error, '')}` };
  const definition = findEventDefinition(envelope.data.type);
  if (!definition) return { ok: false, reason: `unknown event type ${envelope.data.type}`, unknownType: true };
  const data = definition.schema.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, reason: `invalid ${definition.type} data: ${describe(data.error, 'data')}` };
  return { ok: true, event: { ...envelope.data, data: data.data } };
}
