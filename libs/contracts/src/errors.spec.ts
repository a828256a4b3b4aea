import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DomainError, errorCatalogue, isErrorCode, problemType } from './errors';

const root = join(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const code = String.raw`'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'`;
/** Where the code names an error: thrown, in a field error, in a schema's own refusal, or in a join-log line. */
const uses = [new RegExp(String.raw`new DomainError\(\s*${code}`, 'g'), new RegExp(String.raw`\bcode: ${code}`, 'g'), new RegExp(String.raw`schemaMessage\(\s*${code}`, 'g')];
const files = [...sources(join(root, 'services')), ...sources(join(root, 'libs'))].filter((file) => !file.includes('/test/') && !file.endsWith('errors.ts'));
const thrown = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return uses.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => ({ code: match[1], where: relative(root, file) })));
});

describe('the error catalogue', () => {
  it('finds the codes the platform throws', () => {
    expect(thrown.length).toBeGreaterThan(100);
  });

  it('has every code thrown anywhere', () => {
    expect(thrown.filter((use) => !isErrorCode(use.code))).toEqual([]);
  });

  it('is the one error the platform’s code throws for a refusal (no HTTP exception with text of its own)', () => {
    const httpExceptions = files.filter((file) => /new [A-Za-z]*(Http|Request|Found|Conflict|Forbidden|Unauthorized|Entity|Large|MediaType)Exception\(/.test(readFileSync(file, 'utf8')));
    expect(httpExceptions.map((file) => relative(root, file))).toEqual([]);
  });

  it('has no code that nothing throws (apart from those a status alone gives)', () => {
    const quoted = new RegExp(code, 'g');
    const used = new Set(files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(quoted)].map((match) => match[1])));
    const byStatus = ['request.too-many', 'request.invalid', 'access.denied', 'resource.not-found', 'resource.conflict', 'request.unprocessable', 'server.unavailable', 'server.unexpected', 'resource.already-exists', 'server.database-unavailable'];
    const zodCodes = ['field.required', 'field.too-long', 'field.too-short', 'field.too-many', 'field.too-few', 'field.not-a-number', 'field.not-a-whole-number', 'field.not-a-date', 'field.not-an-email', 'field.not-a-url', 'field.not-an-id', 'field.not-one-of', 'field.wrong-type', 'field.invalid-format', 'field.unknown', 'field.invalid'];
    expect(Object.keys(errorCatalogue).filter((c) => !used.has(c) && !byStatus.includes(c) && !zodCodes.includes(c))).toEqual([]);
  });

  it.each(Object.entries(errorCatalogue))('%s says it to a person in both languages, without field keys or ids', (_, entry) => {
    for (const text of [entry.en, entry.fr]) {
      expect(text.trim()).toMatch(/^[A-ZÀ-Ý].*[.]$/);
      expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/); // a field key (startsAt, memberIds…)
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/i);
    }
    expect(entry.fr).not.toEqual(entry.en);
    expect(entry.status).toBeGreaterThanOrEqual(400);
  });

  it('is documented code by code in docs/api.md', () => {
    const documented = readFileSync(join(root, 'docs/api.md'), 'utf8');
    expect(Object.keys(errorCatalogue).filter((c) => !documented.includes(`\`${c}\``))).toEqual([]);
  });

  it('gives each code its problem type and status', () => {
    const error = new DomainError('survey.already-answered');
    expect([error.status, problemType(error.code), error.message]).toEqual([409, 'urn:ccndr:problem:survey.already-answered', 'You already answered this survey.']);
  });
});
