import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import { asyncApiDocument } from './asyncapi';
import { eventCatalog } from './catalog';
import { eventSummaries } from './event-summaries';
import { readFixtures } from './fixtures';

/** Errors and warnings only: the parser also gives hints (e.g. that a newer AsyncAPI version exists). */
async function problemsOf(document: unknown): Promise<string[]> {
  const diagnostics = await new Parser().validate(document as any);
  return diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map((d) => `${d.path.join('.')}: ${d.message}`);
}

describe('the AsyncAPI catalogue of events', () => {
  const document = asyncApiDocument();

  it('is a valid AsyncAPI 3.0 document according to the AsyncAPI parser', async () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(await problemsOf(document)).toEqual([]);
  });

  it('fails the parser’s validation when broken', async () => {
    const broken = structuredClone(document);
    broken.operations[`send.${eventCatalog[0].type}`].channel = { $ref: '#/channels/no-such-channel' };
    delete broken.info.version;
    expect((await problemsOf(broken)).length).toBeGreaterThan(0);
  });

  it('has, for every event version, a channel on its subject pattern and a message with both-language summaries and fixtures as examples', async () => {
    const parsed = (await new Parser().parse(document as any)).document!;
    expect(parsed.channels().all().map((c) => c.id()).sort()).toEqual(eventCatalog.map((d) => d.type).sort());
    for (const definition of eventCatalog) {
      const channel = parsed.channels().get(definition.type)!;
      expect(channel.address()).toBe(`${definition.type}.{consortiumId}`);
      expect(channel.parameters().get('consortiumId')).toBeDefined();
      const message = channel.messages().all()[0];
      expect(message.payload()?.properties()?.data).toBeDefined();
      expect(message.examples().all().length).toBeGreaterThan(0);
      expect(eventSummaries[definition.type]).toEqual({ en: expect.any(String), fr: expect.any(String) });
    }
  });

  it('gives payload schemas that accept every fixture and reject an event of another version', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const fixtures = readFixtures();
    for (const definition of eventCatalog) {
      const validate = ajv.compile(document.components.messages[definition.type].payload);
      for (const fixture of fixtures.filter((f) => f.type === definition.type)) {
        expect({ file: fixture.file, valid: validate(fixture.envelope), errors: validate.errors ?? null }).toEqual({ file: fixture.file, valid: true, errors: null });
      }
      const other = fixtures.find((f) => f.type !== definition.type)!;
      expect(validate(other.envelope)).toBe(false);
    }
  });
});
