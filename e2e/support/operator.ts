import { TestSystem } from '@ccndr/testing';
import { CommandResult, runCommand } from './command';

/** `npm run operator -- …` against a test system's services, with its output and exit code; `env` adds OPERATOR_TOKEN and the like. */
export function runOperator(system: TestSystem, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runCommand('npm', ['run', '--silent', 'operator', '--', ...args], {
    env: {
      ...process.env,
      COMMUNITY_URL: system.service('community').url,
      ASSESSMENTS_URL: system.service('assessments').url,
      PROVIDER_MATCHING_URL: system.service('provider-matching').url,
      EVALUATION_URL: system.service('evaluation').url,
      ...env,
    },
  });
}
