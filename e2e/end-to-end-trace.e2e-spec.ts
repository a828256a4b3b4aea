import { expectEventually, TestSystem } from '@ccndr/testing';
import { OtlpReceiver, ReceivedSpan, spanKind } from './support/otlp-receiver';
import { buildProgramme } from './support/programme';

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
});
