/**
 * Operator tools.
 *   npm run operator -- rebuild <service url>                        rebuild a service's projections from the stream, showing progress
 *   npm run operator -- dead-letters list <service url>              the dead letters of a service's consumers, one per line
 *   npm run operator -- dead-letters show <service url> <sequence>   one dead letter with its event, as JSON
 *   npm run operator -- dead-letters redrive <service url> [sequence…] [--event <file>]
 *        apply them again (all when no sequence is given); with --event, one dead letter replaced by the corrected event in <file>
 * Needs OPERATOR_TOKEN: a bearer token with the platform-admin role.
 */
import { readFileSync } from 'node:fs';

const usage = [
  'usage: npm run operator -- rebuild <service url, e.g. http://127.0.0.1:3004>',
  '       npm run operator -- dead-letters list <service url>',
  '       npm run operator -- dead-letters show <service url> <sequence>',
  '       npm run operator -- dead-letters redrive <service url> [sequence…] [--event <corrected event file>]',
].join('\n');

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function call(url: string, method: string, payload?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${process.env.OPERATOR_TOKEN}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const text = await response.text();
  const answer = text ? JSON.parse(text) : null;
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${answer?.detail ?? JSON.stringify(answer)}`);
  return answer;
}

async function rebuild(serviceUrl: string): Promise<void> {
  const url = `${serviceUrl.replace(/\/$/, '')}/admin/rebuild`;
  await call(url, 'POST');
  say(`rebuild started on ${serviceUrl}`);
  let shown = '';
  for (;;) {
    const status = await call(url, 'GET');
    const line = `${status.state}${status.phase ? ` · ${status.phase}` : ''} · ${status.applied} events applied · stream sequence ${status.sequence}`;
    if (line !== shown) say((shown = line));
    if (status.state === 'done') return;
    if (status.state === 'failed') throw new Error(`rebuild failed: ${status.error}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function deadLetters(action: string | undefined, serviceUrl: string, rest: string[]): Promise<void> {
  const url = `${serviceUrl.replace(/\/$/, '')}/admin/dead-letters`;
  if (action === 'list') {
    const letters = await call(url, 'GET');
    for (const l of letters) say(`${l.sequence}\t${l.deadLetteredAt}\t${l.consumer}\t${l.event?.type ?? '(not JSON)'}\t${l.event?.id ?? ''}\t${l.reason}`);
    say(`${letters.length} dead letter(s)`);
    return;
  }
  if (action === 'show' && rest.length === 1) {
    say(JSON.stringify(await call(`${url}/${rest[0]}`, 'GET'), null, 2));
    return;
  }
  if (action === 'redrive') {
    const file = rest.indexOf('--event');
    let outcomes: { sequence: number; outcome: string; reason?: string }[];
    if (file >= 0) {
      const sequences = rest.filter((_, i) => i !== file && i !== file + 1);
      if (sequences.length !== 1 || !rest[file + 1]) throw new Error('--event replaces exactly one dead letter: give its sequence and the file');
      outcomes = [await call(`${url}/${sequences[0]}/redrive`, 'POST', { event: JSON.parse(readFileSync(rest[file + 1], 'utf8')) })];
    } else {
      outcomes = (await call(`${url}/redrive`, 'POST', rest.length ? { sequences: rest.map(Number) } : {})).outcomes;
    }
    outcomes.forEach((o, i) => say(`[${i + 1}/${outcomes.length}] ${o.sequence} ${o.outcome}${o.reason ? `: ${o.reason}` : ''}`));
    const failed = outcomes.filter((o) => o.outcome === 'failed' || o.outcome === 'not-found').length;
    say(`${outcomes.length - failed} redriven, ${failed} left`);
    if (failed) process.exitCode = 2;
    return;
  }
  throw new Error(usage);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!process.env.OPERATOR_TOKEN) throw new Error('set OPERATOR_TOKEN to a platform-admin token');
  if (command === 'rebuild' && args[0]) return rebuild(args[0]);
  if (command === 'dead-letters' && args[1]) return deadLetters(args[0], args[1], args.slice(2));
  throw new Error(usage);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
