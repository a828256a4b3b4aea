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
  const envelope = parseEnvelope(raw);
  return envelope.ok ? parseEventData(envelope.event) : envelope;
}

/**
 * Validates an envelope, of a type in this catalogue, leaving its data unchecked (`parseEventData`
 * checks it): a consumer checks the data of the events it applies only.
 */
export function parseEnvelope(raw: unknown): ParseResult {
  const envelope = cloudEventEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `invalid envelope: ${describe(envelope.error, '')}` };
  if (!findEventDefinition(envelope.data.type)) return { ok: false, reason: `unknown event type ${envelope.data.type}`, unknownType: true };
  return { ok: true, event: envelope.data as CloudEventEnvelope };
}

/** Validates a valid envelope's data against the schema of its event version. */
export function parseEventData(envelope: CloudEventEnvelope): ParseResult {
  const definition = findEventDefinition(envelope.type);
  if (!definition) return { ok: false, reason: `unknown event type ${envelope.type}`, unknownType: true };
  const data = definition.schema.safeParse(envelope.data);
  if (!data.success) return { ok: false, reason: `invalid ${definition.type} data: ${describe(data.error, 'data')}` };
  return { ok: true, event: { ...envelope, data: data.data } };
}
