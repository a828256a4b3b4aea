import { expectEventually, TestSystem } from '@ccndr/testing';
import { OtlpReceiver, ReceivedSpan, spanKind } from './support/otlp-receiver';
import { buildProgramme, scheduleGathering } from './support/programme';

describe('one connected trace from the HTTP request to the consumer’s database write', () => {
  let receiver: OtlpReceiver;
  let system: TestSystem;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    system = await TestSystem.start({
      services: ['community', 'evaluation'],
      env: {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await receiver?.close();
  });

  it('links the attendance request, the outbox relay publish and evaluation’s insert in one trace', async () => {
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 1);
    const response = await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId: members[0] } });
    expect(response.status).toBe(200);

    const chain = await expectEventually(
      () => {
        const request = receiver.spans.find(
          (s) => s.service === 'community' && s.kind === spanKind.server && String(s.attributes['url.path'] ?? s.attributes['http.target'] ?? '').endsWith(`/gatherings/${meetingId}/attendance`),
        );
        expect(request).toBeDefined();
        const trace = receiver.spans.filter((s) => s.traceId === request!.traceId);
        const publish = trace.find((s) => s.service === 'community' && s.kind === spanKind.producer && s.name.includes('attendance-recorded') && s.name.endsWith(' publish'));
        const consume = trace.find((s) => s.service === 'evaluation' && s.kind === spanKind.consumer && s.name.endsWith(' process'));
        const write = trace.find((s) => s.service === 'evaluation' && /INSERT INTO attendance/.test(String(s.attributes['db.statement'] ?? s.attributes['db.query.text'] ?? '')));
        expect({ publish: !!publish, consume: !!consume, write: !!write }).toEqual({ publish: true, consume: true, write: true });
        return { request: request!, publish: publish!, consume: consume!, write: write!, trace };
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    const ancestors = (span: ReceivedSpan): string[] => {
      const path: string[] = [];
      for (let current: ReceivedSpan | undefined = span; current; current = chain.trace.find((s) => s.spanId === current!.parentSpanId)) path.push(current.spanId);
      return path;
    };
    // Named by its route pattern, as the semantic conventions say.
    expect(chain.request.name).toBe('POST /consortia/:consortiumId/gatherings/:gatheringId/attendance');
    expect(chain.request.attributes['http.route']).toBe('/consortia/:consortiumId/gatherings/:gatheringId/attendance');
    expect(chain.consume.parentSpanId).toBe(chain.publish.spanId);
    expect(ancestors(chain.publish)).toContain(chain.request.spanId);
    expect(ancestors(chain.write)).toEqual(expect.arrayContaining([chain.consume.spanId, chain.publish.spanId, chain.request.spanId]));

    // What an admin filters on (docs/observability.md): the consortium, the event type, the subject.
    const type = 'ccndr.community.gathering.attendance-recorded.v1';
    for (const span of [chain.publish, chain.consume]) {
      expect(span.attributes).toMatchObject({ 'ccndr.consortium_id': consortiumId, 'cloudevents.event_type': type, 'messaging.destination.name': expect.stringMatching(new RegExp(`${type.replace(/\./g, '\\.')}\\.${consortiumId}$`)) });
    }
    expect(chain.trace.some((s) => s.service === 'community' && s.attributes['ccndr.consortium_id'] === consortiumId && ancestors(s).includes(chain.request.spanId))).toBe(true);
  });

  it('leads every event of a batch of hundreds to the write that applied it', async () => {
    // Evaluation is away while 150 attendances are recorded: back, it applies them in one batch,
    // one statement for all (more events than one span keeps links to).
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 75);
    const second = await scheduleGathering(system, consortiumId, coordinator, 'workshop', 'Atelier');
    await system.settled();
    await system.service('evaluation').stop();
    for (const gathering of [meetingId, second]) {
      for (const memberId of members) await system.command('community', `/consortia/${consortiumId}/gatherings/${gathering}/attendance`, { token: coordinator, body: { memberId }, expected: 200 });
    }
    await system.service('evaluation').restart();
    await system.settled(60_000);

    await expectEventually(
      () => {
        const consumed = receiver.spans.filter((s) => s.service === 'evaluation' && s.kind === spanKind.consumer && s.attributes['ccndr.consortium_id'] === consortiumId && s.attributes['cloudevents.event_type'] === 'ccndr.community.gathering.attendance-recorded.v1');
        expect(consumed.length).toBe(150);
        const writes = receiver.spans.filter((s) => s.service === 'evaluation' && /INSERT INTO attendance/.test(String(s.attributes['db.statement'] ?? s.attributes['db.query.text'] ?? '')));
        // From each write up through its parents, and across the links of each span met on the way (and of their children).
        const reached = new Set<string>();
        for (const write of writes) {
          const batch = receiver.spans.find((s) => s.spanId === write.parentSpanId);
          if (!batch) continue;
          for (const span of [batch, ...receiver.spans.filter((s) => s.parentSpanId === batch.spanId)]) {
            reached.add(span.parentSpanId ?? '');
            for (const link of span.links) reached.add(link.spanId);
          }
        }
        expect(consumed.filter((c) => !reached.has(c.spanId)).length).toBe(0);
        expect(writes.some((w) => receiver.spans.find((s) => s.spanId === w.parentSpanId)?.attributes['ccndr.batch.events'] as number > 128)).toBe(true);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  });
});

describe('trace context with no trace exporter (the embedded default’s and the tests’ setting)', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['community', 'provider-matching', 'evaluation'] });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('gives every published event a traceparent, in its envelope and in its NATS headers, of the request’s trace', async () => {
    const { consortiumId, coordinator, members, meetingId } = await buildProgramme(system, 4);
    for (const memberId of members) expect((await system.call('community', 'POST', `/consortia/${consortiumId}/gatherings/${meetingId}/attendance`, { token: coordinator, body: { memberId } })).status).toBe(200);
    await system.settled();

    const messages = await system.bus.publishedMessages();
    expect(messages.length).toBeGreaterThan(10);
    const traceparent = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-0[01]$/;
    for (const message of messages) {
      const envelope = JSON.parse(message.string());
      const header = message.header?.get('traceparent') ?? '';
      expect({ type: envelope.type, envelope: traceparent.test(envelope.traceparent ?? ''), header: traceparent.test(header) }).toEqual({ type: envelope.type, envelope: true, header: true });
      // The publish is a span of the request's trace.
      expect(header.split('-')[1]).toBe(envelope.traceparent.split('-')[1]);
    }
  });
});
