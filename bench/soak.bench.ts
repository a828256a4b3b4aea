import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { adminToken, consortiumToken, responseBody, TestSystem } from '@ccndr/testing';
import { percentilesOf, Percentiles, writeResult } from './harness';

const consortiaCount = Number(process.env.BENCH_CONSORTIA ?? 1000);
const rate = Number(process.env.BENCH_RATE ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 600);
/** Indicator reads a second, beside the commands. */
const readRate = Number(process.env.BENCH_READ_RATE ?? 5);
/** Length of a reporting window; the first one is the warm-up. */
const windowSeconds = Number(process.env.BENCH_WINDOW_SECONDS ?? 60);
/** How long the backlog may take to drain once the load stops before the soak says it did not. */
const drainSeconds = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);
/**
 * Consortia set up at once, each one request at a time: fewer requests in flight than a service's
 * database pool (10), whose callers give up after waiting 5 s for a connection on a loaded machine.
 */
const setupConcurrency = Number(process.env.BENCH_SETUP_CONCURRENCY ?? 8);
/** Requests in flight at most: past it the sender falls behind its rate, and says so. */
const inFlightLimit = 512;
/** Seconds between samples of memory and backlog during the load. */
const sampleSeconds = Math.min(5, windowSeconds);

const services = ['community', 'assessments', 'provider-matching', 'evaluation'] as const;
type Service = (typeof services)[number];

/**
 * The mix, in commands out of 100. An assessment takes four steps (start, two halves of the
 * answers, submit), each one command; a submission fans out (gaps, draft needs and their
 * suggestions in provider-matching, a journey, indicators).
 */
const mix = { attendance: 40, 'member.join': 10, 'knowledge.thread': 8, 'knowledge.reply': 12, assessment: 18, 'need.post': 12 } as const;
type Slot = keyof typeof mix;
const dimensions = ['data-governance', 'data-collection', 'evidence-use', 'digital-tools', 'cybersecurity', 'digital-skills', 'leadership-strategy', 'culture'];
/** Members of each consortium set up to attend its gatherings. */
const attendees = 5;

interface Consortium {
  index: number;
  id: string;
  coordinator: string;
  observer: string;
  /** Nonprofit staff who assesses their organisation and starts threads. */
  author: string;
  /** Provider staff who replies (a cross-organisation interaction). */
  provider: string;
  /** Staff of a second nonprofit that only posts needs (so no draft from an assessment stands in its way). */
  poster: string;
  nonprofitId: string;
  needsOrganizationId: string;
  members: string[];
  gatherings: string[];
  latestThread: string;
  assessment: { id?: string; step: number; busy: boolean };
  attendanceAnswered: number;
}

interface Answer {
  kind: string;
  /** From the moment the command was due (open loop: a late send counts against it), ms. */
  latency: number;
  status: number;
  dueAt: number;
  /** Why there was no answer at all (status 0). */
  error?: string;
}

/**
 * Soak: `BENCH_RATE` commands a second for `BENCH_SECONDS` spread over `BENCH_CONSORTIA`
 * consortia set up beforehand (attendance, members joining, threads and replies, assessment
 * steps, needs), with `BENCH_READ_RATE` indicator reads a second meanwhile. Per window: p50/p99
 * command latency per kind, errors by status, every service process's RSS, outbox backlog and
 * consumer lag. Then the time until every outbox is empty and every durable consumer has nothing
 * pending or unacknowledged, and whether evaluation counted every attendance sent (a few consortia
 * checked exactly).
 */
export async function soakBenchmark(): Promise<void> {
  const total = rate * seconds;
  const perConsortium = (slot: Slot) => Math.ceil(countOf(slot, total) / consortiaCount);
  if (perConsortium('need.post') > dimensions.length) throw new Error(`${perConsortium('need.post')} needs per consortium: more than one per dimension; raise BENCH_CONSORTIA`);
  const gatheringsPerConsortium = Math.max(1, Math.ceil(perConsortium('attendance') / attendees));

  // One caller sends every command of a consortium: the per-caller write limit is lifted.
  const startBegan = performance.now();
  const env = { WRITE_LIMIT: '1000000', WRITE_LIMIT_WINDOW_SECONDS: '1' };
  const system = await TestSystem.start({ services: [services[0]], env });
  // An idle connection is closed well before the services' own keep-alive timeout (Node's 5 s), so that no request goes out on a socket the service is closing.
  const agents = Object.fromEntries(services.map((name) => [name, new Agent({ keepAlive: true, maxSockets: 64, timeout: 2000 })])) as Record<Service, Agent>;
  const call = (service: Service, method: string, path: string, token: string, body?: unknown) => send(agents[service], method, `${system.service(service).url}${path}`, token, body);
  try {
    // One after another: four processes compiling at once on a busy machine can outlast a service's readiness bound.
    for (const name of services.slice(1)) await system.startService(name, env);
    const startSeconds = round((performance.now() - startBegan) / 1000);
    const setupBegan = performance.now();
    const consortia = await setUp(call, gatheringsPerConsortium);
    await system.settled(600_000);
    const setupSeconds = round((performance.now() - setupBegan) / 1000);
    process.stdout.write(`  soak: services started in ${startSeconds} s, ${consortiaCount} consortia set up in ${setupSeconds} s (${gatheringsPerConsortium} gatherings, ${attendees} attendees each)\n`);
    const framework = await call('assessments', 'GET', `/consortia/${consortia[0].id}/framework`, consortia[0].author);
    const questions: string[] = framework.body.dimensions.flatMap((d: { key: string; questions: { key: string }[] }) => d.questions.map((q) => `${d.key}/${q.key}`));

    const load = await runLoad(system, call, consortia, questions);
    const drain = await drainTime(system);
    // The exact count needs every event applied; a system still behind is reported, not thrown (the figures are the point).
    const unsettled = await system.settled(120_000).then(() => null, (error: Error) => error.message);
    const attendanceCheck = await checkAttendance(call, consortia);
    const result = summarise({ unsettled, startSeconds, setupSeconds, gatheringsPerConsortium, load, drain, attendanceCheck });
    writeResult('soak', result);
    print(result);
  } finally {
    Object.values(agents).forEach((agent) => agent.destroy());
    await system.stop();
  }
}

type Call = (service: Service, method: string, path: string, token: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** Each consortium through the API: three organisations, five members, its gatherings already held, one thread. */
async function setUp(call: Call, gatheringsPerConsortium: number): Promise<Consortium[]> {
  const admin = await adminToken();
  const must = async (service: Service, path: string, token: string, body: unknown) => {
    const response = await call(service, 'POST', path, token, body);
    if (response.status >= 300) throw new Error(`set-up: POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  };
  const one = async (index: number): Promise<Consortium> => {
    const id = await must('community', '/consortia', admin, { name: { fr: `Consortium d’endurance ${index}`, en: `Soak consortium ${index}` }, defaultLanguage: 'fr' });
    const coordinator = await consortiumToken({ [id]: ['coordinator'] });
    const at = `/consortia/${id}`;
    const organization = (name: string, category: string) => must('community', `${at}/organizations`, coordinator, { name, category, provinceOrTerritory: 'QC', country: 'CA', preferredLanguage: 'fr' });
    const nonprofitId = await organization('Carrefour jeunesse-emploi', 'youth-employment-nonprofit');
    const providerId = await organization('Data for Good', 'service-provider');
    const needsOrganizationId = await organization('Mentor Canada', 'youth-employment-nonprofit');
    const subject = (who: string) => `soak|${index}|${who}`;
    const member = (organizationId: string, displayName: string, role: string, who?: string) => must('community', `${at}/members`, coordinator, { organizationId, displayName, role, ...(who ? { subject: subject(who) } : {}) });
    const members = [
      await member(nonprofitId, 'Autrice', 'nonprofit-staff', 'author'),
      await member(providerId, 'Provider', 'provider-staff', 'provider'),
      await member(needsOrganizationId, 'Poster', 'nonprofit-staff', 'poster'),
    ];
    while (members.length < attendees) members.push(await member(nonprofitId, `Personne ${members.length}`, 'nonprofit-staff'));
    const gatherings: string[] = [];
    while (gatherings.length < gatheringsPerConsortium) {
      gatherings.push(await must('community', `${at}/gatherings`, coordinator, { kind: 'consortium-meeting', title: `Rencontre ${gatherings.length}`, startsAt: '2026-03-10T17:00:00.000Z', alreadyHeld: true }));
    }
    const author = await consortiumToken({ [id]: ['member'] }, subject('author'));
    const latestThread = await must('community', `${at}/threads`, author, { title: 'Quel outil pour le suivi ?', body: 'Nous cherchons un outil bilingue.', language: 'fr' });
    return {
      index,
      id,
      coordinator,
      observer: await consortiumToken({ [id]: ['observer'] }),
      author,
      provider: await consortiumToken({ [id]: ['provider'] }, subject('provider')),
      poster: await consortiumToken({ [id]: ['member'] }, subject('poster')),
      nonprofitId,
      needsOrganizationId,
      members,
      gatherings,
      latestThread,
      assessment: { step: 0, busy: false },
      attendanceAnswered: 0,
    };
  };
  const consortia: Consortium[] = new Array(consortiaCount);
  let next = 0;
  await Promise.all(
    Array.from({ length: setupConcurrency }, async () => {
      while (next < consortiaCount) {
        const index = next++;
        consortia[index] = await one(index);
        if ((index + 1) % 100 === 0) process.stdout.write(`  soak: ${index + 1} consortia set up\n`);
      }
    }),
  );
  return consortia;
}

/** The open-loop load: every command sent when due, answered or not; indicator reads beside. */
async function runLoad(system: TestSystem, call: Call, consortia: Consortium[], questions: string[]) {
  const slots = interleave();
  const counters = Object.fromEntries(Object.keys(mix).map((slot) => [slot, 0])) as Record<Slot, number>;
  const answers: Answer[] = [];
  const reads: Answer[] = [];
  let skipped = 0;
  let inFlight = 0;
  let behind = 0;
  const samples: Sample[] = [];

  const timed = async (list: Answer[], kind: string, dueAt: number, work: () => Promise<{ status: number; body: any }>) => {
    inFlight++;
    try {
      const answer = await work().catch((error: NodeJS.ErrnoException) => ({ status: 0, body: undefined, error: error.code ?? error.message }));
      list.push({ kind, latency: performance.now() - began - dueAt, status: answer.status, dueAt, ...('error' in answer ? { error: answer.error } : {}) });
      return answer;
    } finally {
      inFlight--;
    }
  };

  /** The command for the n-th slot, against the consortium it falls to (round robin per kind). */
  const command = (slot: Slot, dueAt: number): Promise<unknown> | undefined => {
    const k = counters[slot]++;
    const c = consortia[k % consortia.length];
    const ordinal = Math.floor(k / consortia.length);
    const at = `/consortia/${c.id}`;
    switch (slot) {
      case 'attendance': {
        // Distinct (gathering, member) pairs: each one counts once in evaluation.
        const gatheringId = c.gatherings[ordinal % c.gatherings.length];
        const memberId = c.members[Math.floor(ordinal / c.gatherings.length) % c.members.length];
        return timed(answers, slot, dueAt, () => call('community', 'POST', `${at}/gatherings/${gatheringId}/attendance`, c.coordinator, { memberId })).then((a) => {
          if (a.status === 200) c.attendanceAnswered++;
        });
      }
      case 'member.join':
        return timed(answers, slot, dueAt, () => call('community', 'POST', `${at}/members`, c.coordinator, { organizationId: c.nonprofitId, displayName: `Nouvelle personne ${ordinal}`, role: 'nonprofit-staff' }));
      case 'knowledge.thread':
        return timed(answers, slot, dueAt, () => call('community', 'POST', `${at}/threads`, c.author, { title: `Question ${ordinal}`, body: 'Comment faites-vous ?', language: 'fr' })).then((a) => {
          if (a.status === 201) c.latestThread = a.body.id;
        });
      case 'knowledge.reply':
        return timed(answers, slot, dueAt, () => call('community', 'POST', `${at}/threads/${c.latestThread}/replies`, c.provider, { body: 'Nous pouvons aider.', language: 'fr' }));
      case 'need.post':
        return timed(answers, slot, dueAt, () =>
          call('provider-matching', 'POST', `${at}/needs`, c.poster, {
            organizationId: c.needsOrganizationId,
            dimension: dimensions[ordinal % dimensions.length],
            description: 'Former l’équipe',
            language: 'fr',
            budgetMax: 1000,
            startsOn: '2027-01-01',
            endsOn: '2027-06-30',
            staffHoursPerWeek: 3,
          }),
        );
      case 'assessment':
        return assessmentStep(c, dueAt);
    }
  };

  /** The consortium's assessment one step further: started, each half answered, submitted; then a new one. */
  const assessmentStep = (c: Consortium, dueAt: number) => {
    const state = c.assessment;
    if (state.busy) {
      skipped++;
      return undefined;
    }
    state.busy = true;
    const at = `/consortia/${c.id}/assessments`;
    const middle = Math.ceil(questions.length / 2);
    // Stages vary by question and consortium, so that each submission finds gaps.
    const half = (first: boolean) => Object.fromEntries((first ? questions.slice(0, middle) : questions.slice(middle)).map((q, i) => [q, `s${1 + ((i + c.index) % 4)}`]));
    const steps = [
      () => timed(answers, 'assessment.start', dueAt, () => call('assessments', 'POST', at, c.author, { organizationId: c.nonprofitId })),
      () => timed(answers, 'assessment.answers', dueAt, () => call('assessments', 'PUT', `${at}/${state.id}/answers`, c.author, { answers: half(true) })),
      () => timed(answers, 'assessment.answers', dueAt, () => call('assessments', 'PUT', `${at}/${state.id}/answers`, c.author, { answers: half(false) })),
      () => timed(answers, 'assessment.submit', dueAt, () => call('assessments', 'POST', `${at}/${state.id}/submit`, c.author)),
    ];
    return steps[state.step]().then((a) => {
      if (a.status >= 300) state.step = 0;
      else {
        if (state.step === 0) state.id = a.body.id;
        state.step = (state.step + 1) % steps.length;
      }
      state.busy = false;
    });
  };

  const total = rate * seconds;
  const totalReads = readRate * seconds;
  const pending: Promise<unknown>[] = [];
  let sent = 0;
  let read = 0;
  let nextSample = 0;
  const began = performance.now();
  for (;;) {
    const elapsed = performance.now() - began;
    if (elapsed >= nextSample) {
      nextSample += sampleSeconds * 1000;
      pending.push(sample(system).then((s) => samples.push({ ...s, at: round(elapsed / 1000) })));
    }
    if (elapsed >= seconds * 1000) break;
    // Command k is due at k / rate (the first at once): those due by now are 0 … floor(elapsed × rate).
    const due = Math.min(total, Math.floor((elapsed / 1000) * rate) + 1);
    while (sent < due) {
      if (inFlight >= inFlightLimit) {
        behind++;
        break;
      }
      const dueAt = (sent * 1000) / rate;
      const work = command(slots[sent % slots.length], dueAt);
      if (work) pending.push(work);
      sent++;
    }
    const readsDue = Math.min(totalReads, Math.floor((elapsed / 1000) * readRate) + 1);
    for (; read < readsDue && inFlight < inFlightLimit; read++) {
      const c = consortia[read % consortia.length];
      pending.push(timed(reads, 'indicators.read', (read * 1000) / readRate, () => call('evaluation', 'GET', `/consortia/${c.id}/indicators`, c.observer)));
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  const stoppedAt = performance.now();
  samples.push({ ...(await sample(system)), at: round((stoppedAt - began) / 1000) });
  return { answers, reads, samples, sent, skipped, behind, achievedRate: round(sent / ((stoppedAt - began) / 1000)) };
}

/** 100 slots in the proportions of the mix, spread out (smooth weighted round robin). */
function interleave(): Slot[] {
  const entries = Object.entries(mix) as [Slot, number][];
  const current = new Map<Slot, number>(entries.map(([slot]) => [slot, 0]));
  const slots: Slot[] = [];
  for (let i = 0; i < 100; i++) {
    for (const [slot, weight] of entries) current.set(slot, current.get(slot)! + weight);
    const [best] = [...current.entries()].sort((a, b) => b[1] - a[1])[0];
    current.set(best, current.get(best)! - 100);
    slots.push(best);
  }
  return slots;
}

function countOf(slot: Slot, total: number): number {
  return Math.ceil((total * mix[slot]) / 100);
}

interface Sample {
  at: number;
  /** Resident memory per process, MiB. */
  rssMiB: Record<string, number | null>;
  /** Events waiting in each service's outbox. */
  outbox: Record<string, number | null>;
  /** Each durable consumer's messages not delivered plus delivered and not acknowledged. */
  lag: Record<string, number>;
  /** Derived work waiting (evaluation's stale consortia). */
  refresh: Record<string, number>;
}

/** Every service process's RSS and its backlog as its health report gives it (consumer lag asked of JetStream). */
async function sample(system: TestSystem): Promise<Omit<Sample, 'at'>> {
  const rssMiB: Record<string, number | null> = {};
  for (const name of services) rssMiB[name] = rssOf(system.service(name).pid);
  const nats = natsServerPid(new URL(system.natsUrl).port);
  if (nats !== undefined) rssMiB['nats-server (shared)'] = rssOf(nats);
  const outbox: Record<string, number | null> = {};
  const lag: Record<string, number> = {};
  const refresh: Record<string, number> = {};
  await Promise.all(
    services.map(async (name) => {
      const { body } = await system.call(name, 'GET', '/health/ready').catch(() => ({ body: undefined }));
      outbox[name] = body?.outbox?.pending ?? null;
      for (const [consumer, l] of Object.entries((body?.lag ?? {}) as Record<string, { pending: number; unacknowledged: number }>)) lag[consumer] = l.pending + l.unacknowledged;
      if (body?.refresh) refresh[name] = body.refresh.pending;
    }),
  );
  return { rssMiB, outbox, lag, refresh };
}

/** VmRSS of a process from /proc, in MiB; null where /proc is not there. */
function rssOf(pid: number | undefined): number | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return null;
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kib === undefined ? null : round(Number(kib) / 1024);
}

/** The process of the NATS server listening on `port`, if it runs on this machine (shared with whatever else uses it). */
function natsServerPid(port: string): number | undefined {
  if (!existsSync('/proc')) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'nats-server') continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args[args.indexOf('-p') + 1] === port) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** From the last answer: until every outbox is empty and every durable consumer has nothing pending (bounded). */
async function drainTime(system: TestSystem) {
  const began = performance.now();
  let backlogSeconds: number | null = null;
  let last: Omit<Sample, 'at'> | undefined;
  while (performance.now() - began < drainSeconds * 1000) {
    last = await sample(system);
    const outboxEmpty = Object.values(last.outbox).every((pending) => pending === 0);
    const noLag = Object.values(last.lag).every((pending) => pending === 0);
    if (outboxEmpty && noLag) {
      backlogSeconds ??= round((performance.now() - began) / 1000);
      // Derived work (indicators recomputed) follows the consumers: timed too.
      if (Object.values(last.refresh).every((pending) => pending === 0)) return { drained: true, backlogSeconds, derivedWorkSeconds: round((performance.now() - began) / 1000), last };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { drained: false, backlogSeconds, derivedWorkSeconds: null, last };
}

/** For a few consortia: evaluation's meeting participants equal the attendance commands answered. */
async function checkAttendance(call: Call, consortia: Consortium[]) {
  const checked = [...new Set([0, 1, 2, Math.floor(consortia.length / 2), consortia.length - 1])].map((i) => consortia[i]);
  return Promise.all(
    checked.map(async (c) => {
      const { body } = await call('evaluation', 'GET', `/consortia/${c.id}/indicators`, c.observer);
      const value = (body as { key: string; value: number | null }[]).find((i) => i.key === 'o1.meeting-participants')?.value ?? null;
      return { consortiumId: c.id, attendanceAnswered: c.attendanceAnswered, meetingParticipants: value, exact: value === c.attendanceAnswered };
    }),
  );
}

function summarise(input: { unsettled: string | null; startSeconds: number; setupSeconds: number; gatheringsPerConsortium: number; load: Awaited<ReturnType<typeof runLoad>>; drain: Awaited<ReturnType<typeof drainTime>>; attendanceCheck: Awaited<ReturnType<typeof checkAttendance>> }) {
  const { load, drain } = input;
  const windows = Math.ceil(seconds / windowSeconds);
  const kinds = [...new Set(load.answers.map((a) => a.kind))].sort();
  const errorsOf = (list: Answer[]) => list.filter((a) => a.status < 200 || a.status >= 300).reduce<Record<string, number>>((counts, a) => {
    const key = a.status ? String(a.status) : `no answer (${a.error})`;
    return { ...counts, [key]: (counts[key] ?? 0) + 1 };
  }, {});
  const figures = (label: string, list: Answer[]): Omit<Percentiles, 'label'> => {
    const { label: _, ...rest } = percentilesOf(label, list.map((a) => a.latency));
    return rest;
  };
  const sampleAt = (at: number) => load.samples.reduce((best, s) => (Math.abs(s.at - at) < Math.abs(best.at - at) ? s : best));
  const perWindow = Array.from({ length: windows }, (_, w) => {
    const inWindow = (a: Answer) => Math.min(windows - 1, Math.floor(a.dueAt / 1000 / windowSeconds)) === w;
    const answers = load.answers.filter(inWindow);
    const s = sampleAt(Math.min(seconds, (w + 1) * windowSeconds));
    return {
      window: w + 1,
      from: w * windowSeconds,
      commands: answers.length,
      overall: figures('overall', answers),
      // Kinds sent in the window (an assessment step may fall in none of a short one).
      byKind: Object.fromEntries(kinds.filter((kind) => answers.some((a) => a.kind === kind)).map((kind) => [kind, figures(kind, answers.filter((a) => a.kind === kind))])),
      reads: figures('indicators.read', load.reads.filter(inWindow)),
      errors: errorsOf([...answers, ...load.reads.filter(inWindow)]),
      rssMiB: s.rssMiB,
      outbox: s.outbox,
      lag: s.lag,
    };
  });
  const warmedUp = sampleAt(Math.min(seconds, windowSeconds));
  const end = load.samples[load.samples.length - 1];
  const rss = Object.fromEntries(
    Object.keys(end.rssMiB).map((name) => {
      const series = load.samples.map((s) => s.rssMiB[name]).filter((v): v is number => v !== null && v !== undefined);
      const after = warmedUp.rssMiB[name];
      const last = end.rssMiB[name];
      return [name, { startMiB: load.samples[0].rssMiB[name], afterWarmUpMiB: after, endMiB: last, maxMiB: Math.max(...series), growthPercent: after && last ? round(((last - after) / after) * 100) : null }];
    }),
  );
  // The first and last windows with commands due in them (a sender far behind its rate leaves the last ones empty).
  const sentIn = perWindow.filter((w) => w.commands > 0);
  const first = sentIn[0];
  const last = sentIn[sentIn.length - 1];
  return {
    name: 'soak',
    description: `${rate} commands/s for ${seconds} s over ${consortiaCount} consortia (attendance, members, knowledge sharing, assessments, needs), ${readRate} indicator reads/s`,
    setup: { consortia: consortiaCount, rate, seconds, readRate, windowSeconds, gatheringsPerConsortium: input.gatheringsPerConsortium, attendeesPerConsortium: attendees, servicesStartSeconds: input.startSeconds, setupSeconds: input.setupSeconds, mix: JSON.stringify(mix) },
    sent: load.sent,
    answered: load.answers.length,
    achievedRate: load.achievedRate,
    /** Assessment slots that found the consortium's previous step still unanswered (sent nothing). */
    skipped: load.skipped,
    /** Times the sender found `inFlightLimit` requests unanswered and fell behind. */
    behind: load.behind,
    overall: figures('overall', load.answers),
    reads: figures('indicators.read', load.reads),
    errors: errorsOf([...load.answers, ...load.reads]),
    errorsByKind: Object.fromEntries([...kinds, 'indicators.read'].map((kind) => [kind, errorsOf([...load.answers, ...load.reads].filter((a) => a.kind === kind))]).filter(([, errors]) => Object.keys(errors).length > 0)),
    p99FirstToLastWindow: { first: first.overall.p99, last: last.overall.p99, lastWindow: last.window, ratio: round(last.overall.p99 / first.overall.p99) },
    rss,
    drain: { limitSeconds: drainSeconds, drained: drain.drained, backlogSeconds: drain.backlogSeconds, derivedWorkSeconds: drain.derivedWorkSeconds, last: drain.last },
    attendanceCheck: input.attendanceCheck,
    /** What still lagged 120 s after the drain, if anything. */
    unsettled: input.unsettled,
    windows: perWindow,
    samples: load.samples,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: loadavg().map(round) },
    finishedAt: new Date().toISOString(),
  };
}

function print(result: ReturnType<typeof summarise>): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`\nsoak: ${result.description}`);
  out(`  sent ${result.sent}, answered ${result.answered} (${result.achievedRate}/s), skipped ${result.skipped}, behind ${result.behind}, errors ${JSON.stringify(result.errors)}`);
  for (const w of result.windows) {
    const kinds = Object.entries(w.byKind).map(([kind, p]) => `${kind} ${p.p50}/${p.p99}`).join(', ');
    out(`  window ${w.window} (from ${w.from} s): ${w.commands} commands, p50 ${w.overall.p50} ms, p99 ${w.overall.p99} ms; reads p99 ${w.reads.p99} ms; ${kinds}`);
    out(`    RSS MiB ${JSON.stringify(w.rssMiB)}; outbox ${JSON.stringify(w.outbox)}; lag ${JSON.stringify(w.lag)}; errors ${JSON.stringify(w.errors)}`);
  }
  out(`  p99 first → last window: ${result.p99FirstToLastWindow.first} → ${result.p99FirstToLastWindow.last} ms (× ${result.p99FirstToLastWindow.ratio})`);
  for (const [name, r] of Object.entries(result.rss)) out(`  RSS ${name}: ${r.afterWarmUpMiB} MiB after warm-up → ${r.endMiB} MiB at the end (${r.growthPercent} %), max ${r.maxMiB}`);
  out(`  drain: backlog and lag zero after ${result.drain.backlogSeconds} s, derived work after ${result.drain.derivedWorkSeconds} s (limit ${result.drain.limitSeconds} s)`);
  out(`  attendance counted exactly: ${result.attendanceCheck.map((c) => `${c.meetingParticipants}/${c.attendanceAnswered}`).join(', ')}`);
}

/** An HTTP request with a bearer token and a JSON body; resolves with the status and the parsed answer. */
function send(agent: Agent, method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    const req = request(url, { method, agent, headers }, (res) => {
      responseBody(res).then((parsed) => resolve({ status: res.statusCode ?? 0, body: parsed }), reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
