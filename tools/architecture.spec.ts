import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; line: number; message: string }[];
}

/** Runs ESLint as the `lint` target does, in its own process (its config is an ES module). */
function eslint(args: string[], stdin?: string): LintResult[] {
  const run = spawnSync(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', ...args], { cwd: root, input: stdin, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (!run.stdout) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Boundary errors for `source` as if it were the file `filePath`. */
function boundaryErrors(filePath: string, source: string): string[] {
  const [result] = eslint(['--stdin', '--stdin-filename', join(root, filePath)], source);
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries are enforced by lint', () => {
  beforeAll(() => {
    // The boundary rule reads Nx's project graph; compute it as `nx` itself would.
    execFileSync(process.execPath, [join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  });

  it('passes on the whole workspace', () => {
    const results = eslint(['libs', 'services', 'e2e', 'tools', 'examples']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  });

  it('refuses a service importing another service', () => {
    const errors = boundaryErrors(
      'services/community/src/probe.ts',
      `import { IndicatorsService } from '../../evaluation/src/indicators/indicators.service';\nexport const probe = IndicatorsService;\n`,
    );
    expect(errors).toHaveLength(1);
  });

  it('refuses the contracts library depending on any other library of ours', () => {
    const errors = boundaryErrors('libs/contracts/src/probe.ts', `import { createDataSource } from '@ccndr/persistence';\nexport const probe = createDataSource;\n`);
    expect(errors).toEqual([expect.stringContaining('tagged with "type:contracts" cannot depend on any libs')]);
  });

  it('refuses a service depending on the test tooling', () => {
    const errors = boundaryErrors('services/evaluation/src/probe.ts', `import { TestSystem } from '@ccndr/testing';\nexport const probe = TestSystem;\n`);
    expect(errors).toEqual([expect.stringContaining('can only depend on libs tagged with')]);
  });

  it('lets a service use the shared libraries', () => {
    const errors = boundaryErrors('services/evaluation/src/probe.ts', `import { Outbox } from '@ccndr/messaging';\nexport const probe = Outbox;\n`);
    expect(errors).toEqual([]);
  });
});
