import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventDefinition } from './define-event';
import { cloudEventEnvelope } from './envelope';

/** Folder of the checked-in fixtures: one folder per event type, one JSON envelope per file. */
export const fixturesDirectory = join(__dirname, '..', 'fixtures');

export interface Fixture {
  type: string;
  file: string;
  envelope: unknown;
}

export function readFixtures(directory = fixturesDirectory): Fixture[] {
  return readdirSync(directory).flatMap((type) =>
    readdirSync(join(directory, type))
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({ type, file: join(type, file), envelope: JSON.parse(readFileSync(join(directory, type, file), 'utf8')) })),
  );
}

/**
 * Every event version must have fixtures and every fixture must still parse with the schema of its
 * version. A change that breaks a published version (a renamed, retyped or newly required field)
 * makes this return problems, and the contracts test fails the build.
 */
export function checkFixtures(catalog: readonly EventDefinition[], directory = fixturesDirectory): string[] {
  if (!existsSync(directory)) return [`fixtures folder ${directory} is missing`];
  const fixtures = readFixtures(directory);
  const problems: string[] = [];
  for (const definition of catalog) {
    if (!fixtures.some((fixture) => fixture.type === definition.type)) problems.push(`${definition.type} has no fixture`);
  }
  for (const fixture of fixtures) {
    const definition = catalog.find((candidate) => candidate.type === fixture.type);
    if (!definition) {
      problems.push(`${fixture.file}: no event version ${fixture.type} in the catalog (a published version was removed)`);
      continue;
    }
    const envelope = cloudEventEnvelope.safeParse(fixture.envelope);
    if (!envelope.success) {
      problems.push(`${fixture.file}: envelope: ${envelope.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      continue;
    }
    if (envelope.data.type !== definition.type) problems.push(`${fixture.file}: type ${envelope.data.type} is not ${definition.type}`);
    const data = definition.schema.safeParse(envelope.data.data);
    if (!data.success) {
      problems.push(`${fixture.file}: data: ${data.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    } else if (envelope.data.subject !== definition.subjectOf(data.data)) {
      problems.push(`${fixture.file}: subject ${envelope.data.subject} is not the contract's ${definition.subjectOf(data.data)}`);
    }
  }
  return problems;
}
