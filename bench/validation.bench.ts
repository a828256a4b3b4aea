import { parseEvent, readFixtures } from '@ccndr/contracts';
import { measure, report } from './harness';

const messages = Number(process.env.BENCH_MESSAGES ?? 200_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

/**
 * Validation on the consume path, in-process: `messages` events (every fixture of the catalogue in
 * turn, as the text a consumer reads) decoded with `JSON.parse` alone (baseline) and then checked
 * as every consumer checks them, with the zod contracts (`parseEvent`). The difference per message,
 * beside evaluation's ingest time per event, is validation's share of ingest.
 */
export async function validationBenchmark(): Promise<void> {
  const fixtures = readFixtures().map((fixture) => JSON.stringify(fixture.envelope));
  const texts = Array.from({ length: messages }, (_, i) => fixtures[i % fixtures.length]);
  const decode = async () => {
    for (const text of texts) JSON.parse(text);
  };
  const validate = async () => {
    for (const text of texts) if (!parseEvent(JSON.parse(text)).ok) throw new Error(`a fixture no longer parses: ${text.slice(0, 200)}`);
  };
  const baseline = await measure(`JSON.parse of ${messages} events`, rounds, decode);
  const product = await measure(`JSON.parse and parseEvent (zod) of ${messages} events`, rounds, validate);
  report({
    name: 'validation',
    description: `decoding and checking ${messages} events of every type of the catalogue, in one process`,
    setup: { messages, rounds, fixtures: fixtures.length },
    baseline,
    product,
    extra: { validationMicrosecondsPerEvent: Math.round(((product.median - baseline.median) / messages) * 1e5) / 100 },
  });
}
