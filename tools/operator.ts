/**
 * Operator tools.
 *   npm run operator -- rebuild <service url>    rebuild a service's projections from the stream, showing progress
 * Needs OPERATOR_TOKEN: a bearer token with the platform-admin role.
 */
const usage = 'usage: npm run operator -- rebuild <service url, e.g. http://127.0.0.1:3004>';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function call(url: string, method: string): Promise<any> {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${process.env.OPERATOR_TOKEN}` } });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${body?.detail ?? JSON.stringify(body)}`);
  return body;
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

async function main(): Promise<void> {
  const [command, target] = process.argv.slice(2);
  if (!process.env.OPERATOR_TOKEN) throw new Error('set OPERATOR_TOKEN to a platform-admin token');
  if (command === 'rebuild' && target) return rebuild(target);
  throw new Error(usage);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
