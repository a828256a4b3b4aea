import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { domainServiceNames } from '@ccndr/local-stack';
import { TestSystem } from '@ccndr/testing';
import { repositoryRoot, runCommand } from './support/command';


interface Instruction {
  keyword: string;
  text: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(): Instruction[] {
  return readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.trim().split(/\s+/);
      return { keyword: keyword.toUpperCase(), text: rest.join(' ') };
    });
}

/**
 * No container engine here: the Dockerfile's own steps are replayed in folders, one per stage
 * (COPY, COPY --from, RUN, ENV, ARG), and the service is started with its ENTRYPOINT. A service
 * that needs a development dependency, a file the image does not copy, or a broken step fails it.
 */
describe('the service image (Dockerfile)', () => {
  let system: TestSystem;
  let work: string;

  beforeAll(async () => {
    system = await TestSystem.start({ services: [] });
    work = mkdtempSync(join(tmpdir(), 'ccndr-image-'));
  });
  afterAll(async () => {
    await system?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is built in stages, from the lock file, production dependencies only, and runs as an unprivileged user', () => {
    const steps = instructions();
    const stages = steps.filter((s) => s.keyword === 'FROM');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((s) => /^node:20\.\d+(\.\d+)?-bookworm-slim\b/.test(s.text))).toBe(true);
    const final = steps.slice(steps.lastIndexOf(stages[stages.length - 1]));
    expect(final.filter((s) => s.keyword === 'USER').map((s) => s.text)).toEqual(['node']);
    expect(final.some((s) => s.keyword === 'RUN' && /npm (ci|install)/.test(s.text))).toBe(false);
    expect(steps.find((s) => s.keyword === 'RUN' && s.text.includes('npm ci'))!.text).toContain('--omit=dev');
    expect(steps.some((s) => s.keyword === 'HEALTHCHECK' && s.text.includes('/health/ready'))).toBe(true);
  });

  /**
   * Replays the Dockerfile for one service into `<work>/<service>/<stage>`; a stage that does not
   * depend on SERVICE is built once and shared, as Docker's layer cache would.
   */
  const shared = new Map<string, string>();
  function build(service: string): { image: string; env: Record<string, string>; entrypoint: string[] } {
    const stages = new Map<string, string>();
    const env: Record<string, string> = { SERVICE: service };
    const expand = (text: string) => text.replace(/\$\{?(\w+)\}?/g, (whole, name) => env[name] ?? whole);
    let stage = '';
    let skipping = false;
    let entrypoint: string[] = [];
    for (const { keyword, text } of instructions()) {
      if (keyword === 'FROM') {
        const name = / AS (\S+)/i.exec(text)?.[1] ?? 'final';
        skipping = shared.has(name);
        stage = shared.get(name) ?? join(work, name === 'final' ? service : name);
        if (!skipping) mkdirSync(stage, { recursive: true });
        stages.set(name, stage);
        if (name !== 'final') shared.set(name, stage);
      } else if (skipping) {
        continue;
      } else if (keyword === 'COPY') {
        // Docker's rules: a folder's contents go into the destination; files into it when it ends in '/'.
        const from = /--from=(\S+)/.exec(text)?.[1];
        const words = text.split(/\s+/).filter((word) => !word.startsWith('--')).map(expand);
        const destination = words.pop()!;
        for (const source of words) {
          const origin = from ? join(stages.get(from)!, source.replace(/^\/app\/?/, '')) : join(repositoryRoot, source);
          const intoFolder = statSync(origin).isDirectory() || !(destination.endsWith('/') || words.length > 1);
          cpSync(origin, intoFolder ? join(stage, destination) : join(stage, destination, basename(source)), { recursive: true, verbatimSymlinks: true });
        }
      } else if (keyword === 'RUN') {
        execFileSync('sh', ['-c', expand(text)], { cwd: stage, env: { ...process.env, ...env }, stdio: 'pipe' });
      } else if (keyword === 'ENV') {
        // WORKDIR is /app: paths in it point into the stage's folder.
        for (const [, name, value] of text.matchAll(/(\w+)=(\S+)/g)) env[name] = expand(value).replace(/^\/app\b/, stage);
      } else if (keyword === 'ENTRYPOINT') {
        entrypoint = JSON.parse(text);
      }
    }
    return { image: stages.get('final')!, env, entrypoint };
  }

  it('holds what its service needs and nothing of the others: each domain service’s replayed image migrates its schema with --migrate-only', async () => {
    for (const name of domainServiceNames) {
      const { image, env, entrypoint } = build(name);
      const { code, stdout, stderr } = await runCommand(entrypoint[0], [...entrypoint.slice(1), '--migrate-only'], {
        cwd: image,
        env: { PATH: process.env.PATH!, HOME: tmpdir(), ...env, DATABASE_URL: system.serviceDatabaseUrls[name], OTEL_SDK_DISABLED: 'true' },
      });
      expect({ name, code, output: stdout + stderr }).toEqual({ name, code: 0, output: expect.stringContaining('schema migrated') });
      expect(readdirSync(join(image, 'services'))).toEqual([name]);
      // Production dependencies only.
      expect(() => execFileSync(process.execPath, ['-e', 'require.resolve("jest")'], { cwd: image, stdio: 'pipe' })).toThrow();
    }
  });
});
