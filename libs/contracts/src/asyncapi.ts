import { z } from 'zod';
import { eventCatalog } from './catalog';
import { EventDefinition } from './define-event';
import { cloudEventEnvelope } from './envelope';
import { eventSummaries } from './event-summaries';
import { Fixture, readFixtures } from './fixtures';
import contractsPackage from '../package.json';

/** Version of the published catalogue: the contracts library's. */
export const catalogueVersion: string = contractsPackage.version;

/**
 * JSON Schema (draft-07, the AsyncAPI default schema format) of one event version's `data`: what
 * the compatibility gate compares between releases and what subscribers outside TypeScript validate with.
 */
export function eventDataJsonSchema(definition: EventDefinition): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(definition.schema, { target: 'draft-7' }) as Record<string, unknown>;
  return schema;
}

/** The whole CloudEvents envelope of one event version, `data` included. */
function envelopeJsonSchema(definition: EventDefinition): Record<string, unknown> {
  const { $schema: _dialect, ...envelope } = z.toJSONSchema(cloudEventEnvelope.omit({ data: true }).extend({ type: z.literal(definition.type) }), {
    target: 'draft-7',
  }) as { $schema?: string; properties: Record<string, unknown>; required: string[] };
  return { ...envelope, properties: { ...envelope.properties, data: eventDataJsonSchema(definition) }, required: [...envelope.required, 'data'] };
}

/** What the catalogue is, in both languages: the document's description and the head of its page. */
export const catalogueDescription = {
  en: [
    'Every event the Readiness Platform publishes on NATS JetStream (stream `CCNDR_EVENTS`), as a CloudEvents 1.0 envelope in structured JSON mode.',
    'Subjects are `ccndr.<context>.<aggregate>.<event>.v<major>.<consortiumId>`: filter on one event type for all consortia, or on one consortium with `ccndr.*.*.*.*.<consortiumId>`.',
    'Events carry no names, e-mails, free text or per-person self-identification; small counts of self-identified data are null.',
    'Within a version fields are only ever added, and only as optional; a breaking change is a new version published beside the old one during its deprecation window.',
  ].join('\n\n'),
  fr: [
    'Tous les événements que la Plateforme de préparation publie sur NATS JetStream (flux `CCNDR_EVENTS`), dans une enveloppe CloudEvents 1.0 en mode JSON structuré.',
    'Les sujets sont `ccndr.<contexte>.<agrégat>.<événement>.v<majeure>.<idConsortium>`\u00a0: filtrez sur un type d’événement pour tous les consortiums, ou sur un consortium avec `ccndr.*.*.*.*.<idConsortium>`.',
    'Les événements ne portent ni noms, ni courriels, ni texte libre, ni auto-identification par personne; les petits nombres de données auto-identifiées valent null.',
    'Dans une version, on ne fait qu’ajouter des champs, et seulement facultatifs; un changement incompatible est une nouvelle version, publiée à côté de l’ancienne pendant sa période de dépréciation.',
  ].join('\n\n'),
};

/**
 * The AsyncAPI 3.0 document of the event catalogue, generated from the contracts: one channel per
 * event version (its subject pattern), one message per version with its JSON Schema and the
 * checked-in fixtures as examples. The platform is the sender; subscribers receive.
 */
export function asyncApiDocument(catalog: readonly EventDefinition[] = eventCatalog, fixtures: Fixture[] = readFixtures()): Record<string, any> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const definition of catalog) {
    const id = definition.type;
    const summary = eventSummaries[id];
    channels[id] = {
      address: `${definition.type}.{consortiumId}`,
      title: `${definition.context} · ${definition.aggregate} · ${definition.event} (v${definition.version})`,
      summary: summary?.en,
      description: summary?.fr,
      parameters: { consortiumId: { $ref: '#/components/parameters/consortiumId' } },
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`send.${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
    messages[id] = {
      name: id,
      title: `${definition.aggregate} ${definition.event} v${definition.version}`,
      summary: summary?.en,
      description: summary?.fr,
      contentType: 'application/cloudevents+json',
      headers: { $ref: '#/components/schemas/natsHeaders' },
      payload: envelopeJsonSchema(definition),
      examples: fixtures
        .filter((fixture) => fixture.type === id)
        .map((fixture) => ({ name: fixture.file.split('/').pop()!.replace(/\.json$/, ''), payload: fixture.envelope })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'CCNDR Readiness Platform events / Événements de la Plateforme de préparation du CCRNO',
      version: catalogueVersion,
      description: `${catalogueDescription.en}\n\n---\n\n${catalogueDescription.fr}`,
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      deployment: {
        host: 'nats.example.org:4222',
        protocol: 'nats',
        description: 'The NATS cluster of your deployment (read-only credentials from its operations team).',
        security: [{ $ref: '#/components/securitySchemes/subscriber' }],
      },
    },
    channels,
    operations,
    components: {
      messages,
      parameters: {
        consortiumId: { description: 'The consortium (tenant) the event belongs to: a UUID, also the envelope’s `consortiumid`.' },
      },
      schemas: {
        natsHeaders: {
          type: 'object',
          properties: {
            'Nats-Msg-Id': { type: 'string', description: 'The event id: JetStream drops a duplicate publish within its window.' },
            traceparent: { type: 'string', description: 'W3C trace context of the publish.' },
          },
        },
      },
      securitySchemes: {
        subscriber: { type: 'userPassword', description: 'A read-only NATS user per subscribing programme (see docs/subscribers.md).' },
      },
    },
  };
}
