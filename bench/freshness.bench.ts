import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { TestSystem } from '@ccndr/testing';
import { percentilesOf, processCpuMs, reportLatency } from './harness';
import { attendance, buildProgramme, Programme } from './programme';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const rates = (process.env.BENCH_RATES ?? '200,1000').split(',').map(Number);
/** Requests in flight at most: past it the sender falls behind its rate, and says so. */
const inFlightLimit = 512;
const indicatorKey = 'o1.meeting-participants';

/**
 * Freshness: attendance commands through community's HTTP API at a steady rate, and the time from
 * each command's response to the moment evaluation's live indicator stream (what a dashboard
 * follows) shows it counted. Attendance is a sum, so the k-th answered command counts as visible
 * once the indicator reaches k more than where it started (a command answered later but applied
 * earlier can make one look visible a little sooner than it is). Baseline: a raw JetStream publish
 * to a durable pull consumer at the same rate, publish to receipt.
 */
export async function freshnessBenchmark(): Promise<void> {
  // One caller sends every command here: the per-caller write limit is lifted.
  const system = await TestSystem.start({ services: ['community', 'evaluation'], env: { WRITE_LIMIT: '100000', WRITE_LIMIT_WINDOW_SECONDS: '1' } });
  try {
    const programme = await buildProgramme(system, Math.ceil((rates.reduce((a, b) => a + b, 0) * seconds) / 300) + 1);
    let pairs = 0;
    for (const rate of rates) {
      const baseline = await rawLatency(system, rate);
      const product = await commandFreshness(system, programme, rate, () => pairs++);
      reportLatency({
        name: `freshness-${rate}`,
        description: `attendance commands at ${rate}/s for ${seconds} s: HTTP response → indicator visible in evaluation's live stream`,
        setup: { rate, seconds },
        baseline: percentilesOf(`raw JetStream publish → pull consume at ${rate}/s`, baseline),
        product: percentilesOf('HTTP response → indicator change seen on the stream', product.freshness),
        extra: {
          sent: product.sent,
          answered: product.answered,
          achievedRate: product.achievedRate,
          commandLatency: percentilesOf('command HTTP latency', product.commandLatency),
          cpuPerCommandMs: product.cpuPerCommandMs,
        },
      });
    }
  } finally {
    await system.stop();
  }
}

/** Sends `rate` attendance commands a second for `seconds`, following the indicator stream meanwhile. */
async function commandFreshness(system: TestSystem, programme: Programme, rate: number, nextPair: () => number) {
  const stream = await followIndicator(system, programme);
  const start = await stream.first;
  const answeredAt: number[] = [];
  const commandLatency: number[] = [];
  let sent = 0;
  let inFlight = 0;
  const url = system.service('community').url;
  const services = ['community', 'evaluation'] as const;
  const cpuBefore = services.map((name) => processCpuMs(system.service(name).pid));
  // node:http with kept-alive connections: the load generator shares the machine with the system
  // it measures, and fetch costs several times the CPU per request.
  const agent = new Agent({ keepAlive: true, maxSockets: inFlightLimit });
  const send = async () => {
    const { gatheringId, memberId } = attendance(programme, nextPair());
    const began = performance.now();
    inFlight++;
    try {
      const status = await post(agent, `${url}/consortia/${programme.consortiumId}/gatherings/${gatheringId}/attendance`, programme.coordinator, JSON.stringify({ memberId }));
      if (status !== 200) throw new Error(`attendance: ${status}`);
      const now = performance.now();
      answeredAt.push(now);
      commandLatency.push(now - began);
    } finally {
      inFlight--;
    }
  };
  const began = performance.now();
  const pending: Promise<void>[] = [];
  while (performance.now() - began < seconds * 1000) {
    const due = Math.floor(((performance.now() - began) / 1000) * rate);
    while (sent < due && inFlight < inFlightLimit) {
      sent++;
      pending.push(send());
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const elapsed = (performance.now() - began) / 1000;
  await Promise.all(pending);
  agent.destroy();
  // CPU each service spent per command while the commands were sent and answered.
  const cpuPerCommandMs = Object.fromEntries(
    services.map((name, i) => {
      const after = processCpuMs(system.service(name).pid);
      return [name, after === null || cpuBefore[i] === null ? null : Math.round(((after - cpuBefore[i]!) / answeredAt.length) * 100) / 100];
    }),
  );
  // Until every answered command is counted (bounded).
  const target = start + answeredAt.length;
  const deadline = Date.now() + 120_000;
  while (stream.latest() < target) {
    if (Date.now() > deadline) throw new Error(`indicator at ${stream.latest()}, expected ${target}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  stream.close();
  answeredAt.sort((a, b) => a - b);
  const seen = stream.observations;
  const freshness: number[] = [];
  let o = 0;
  for (const [k, at] of answeredAt.entries()) {
    while (seen[o].value < start + k + 1) o++;
    freshness.push(Math.max(0, seen[o].at - at));
  }
  return { sent, answered: answeredAt.length, achievedRate: Math.round(sent / elapsed), freshness, commandLatency, cpuPerCommandMs };
}

/** POSTs a JSON body with a bearer token; resolves with the status once the answer is read. */
function post(agent: Agent, url: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Evaluation's live indicator stream for the consortium: each value of the indicator, with when it was seen. */
async function followIndicator(system: TestSystem, programme: Programme) {
  const controller = new AbortController();
  const response = await fetch(`${system.service('evaluation').url}/consortia/${programme.consortiumId}/indicators/stream`, {
    headers: { authorization: `Bearer ${programme.observer}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`indicator stream: ${response.status}`);
  const observations: { at: number; value: number }[] = [];
  let resolveFirst!: (value: number) => void;
  const first = new Promise<number>((resolve) => (resolveFirst = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: ?(.*)$/m.exec(message)?.[1] ?? 'message';
          const data = message.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('\n');
          if (!data) continue;
          const parsed = JSON.parse(data);
          const indicators: { key: string; value: number }[] = type === 'indicators' ? parsed : type === 'indicator' ? [parsed] : [];
          const found = indicators.find((i) => i.key === indicatorKey);
          if (!found) continue;
          if (type === 'indicators') resolveFirst(found.value ?? 0);
          else observations.push({ at, value: found.value });
        }
      }
    } catch {
      // closed
    }
  })();
  return { first, observations, latest: () => observations.at(-1)?.value ?? -1, close: () => controller.abort() };
}

/** Raw JetStream: publish at `rate` a second for `seconds` to a stream with a durable pull consumer; publish → receipt. */
async function rawLatency(system: TestSystem, rate: number): Promise<number[]> {
  const nc = await connect({ servers: system.natsUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const name = `${system.topology.eventsStream}_FRESHNESS_${rate}`;
  const subject = `${system.namespace}.bench-freshness.${rate}`;
  try {
    await jsm.streams.add({ name, subjects: [`${subject}.>`] });
    await jsm.consumers.add(name, { durable_name: 'raw', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
    const messages = await (await js.consumers.get(name, 'raw')).consume({ max_messages: 256 });
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const total = rate * seconds;
    const received = (async () => {
      for await (const msg of messages) {
        const id = msg.subject.slice(subject.length + 1);
        latencies.push(performance.now() - sentAt.get(id)!);
        msg.ack();
        if (latencies.length === total) break;
      }
    })();
    const began = performance.now();
    let sent = 0;
    const publishes: Promise<unknown>[] = [];
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - began) / 1000) * rate));
      for (; sent < due; sent++) {
        const id = randomUUID();
        sentAt.set(id, performance.now());
        publishes.push(js.publish(`${subject}.${id}`, JSON.stringify({ id, at: new Date().toISOString() })));
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(publishes);
    await received;
    await messages.close();
    return latencies;
  } finally {
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  }
}
