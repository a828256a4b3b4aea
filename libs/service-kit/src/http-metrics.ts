import { Inject, Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';

/** Upper bounds (seconds) of the request-duration histogram's buckets. */
export const httpDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

type Request = { method: string; route?: { path?: string } };
type Response = { statusCode: number; once(event: 'finish' | 'close', listener: () => void): void };

/**
 * HTTP request durations per method, route pattern (never the raw path: ids would make one series
 * per consortium) and status class, for `/metrics` as a Prometheus histogram.
 */
@Injectable()
export class HttpMetrics {
  private readonly durations: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(Registry) registry: Registry) {
    this.durations = new Histogram({
      name: 'ccndr_http_request_duration_seconds',
      help: 'HTTP requests by method, route and status class: how long they took.',
      labelNames: ['method', 'route', 'status'],
      buckets: httpDurationBuckets,
      registers: [registry],
    });
  }

  /** Express middleware: times every request, those refused before a handler included. */
  readonly middleware = (request: Request, response: Response, next: () => void): void => {
    const started = process.hrtime.bigint();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const route = request.route?.path ?? 'unmatched';
      if (route === '/metrics' || route.startsWith('/health')) return;
      this.observe(request.method, route, response.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  };

  observe(method: string, route: string, status: number, seconds: number): void {
    this.durations.observe({ method, route, status: `${Math.floor(status / 100)}xx` }, seconds);
  }
}
