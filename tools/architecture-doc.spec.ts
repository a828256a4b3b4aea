import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
/** Every TypeScript source of the workspace, as git tracks it. */
const sources = execFileSync('git', ['ls-files', '*.ts'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
const code = sources.map((file) => readFileSync(join(root, file), 'utf8')).join('\n');

/** What the document names in code spans: `a/path.ts`, `ClassName`. */
const spans = [...doc.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
const files = [...new Set(spans.filter((s) => /^[\w-][\w./-]*\.ts$/.test(s)))];
const names = [...new Set(spans.filter((s) => /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(s)))];

describe('docs/architecture.md describes the code as it is', () => {
  it('names files that exist (by their path, or their name where it is unique to the workspace)', () => {
    expect(files.length).toBeGreaterThan(10);
    const missing = files.filter((file) => !existsSync(join(root, file)) && !sources.some((source) => source.endsWith(`/${file}`)));
    expect(missing).toEqual([]);
  });

  it('names classes, interfaces and constants the code declares', () => {
    expect(names.length).toBeGreaterThan(10);
    const undeclared = names.filter((name) => !new RegExp(`\\b(class|interface|type|const|function|enum)\\s+${name}\\b`).test(code));
    expect(undeclared).toEqual([]);
  });
});
