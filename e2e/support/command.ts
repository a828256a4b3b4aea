import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const repositoryRoot = join(__dirname, '..', '..');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (from the repository unless `cwd` says otherwise), with what it printed and its exit code. */
export async function runCommand(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  const run = spawn(command, args, { cwd: options.cwd ?? repositoryRoot, env: options.env ?? process.env });
  let stdout = '';
  let stderr = '';
  run.stdout.on('data', (chunk) => (stdout += chunk));
  run.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => run.once('close', resolve));
  return { code, stdout, stderr };
}
