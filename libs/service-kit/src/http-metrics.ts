import { Injectable } from '@nestjs/common';

/** Upper bounds (seconds) of the request-duration histogram's buckets. */
export const httpDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
  labels: string;
  buckets: number[];
  count: number;
  sum: number;
}

type Request = { method: string; route?: { path?: string } };
type Response = { statusCode: number; once(event: 'finish' | 'close', listener: () => void): void };

/**
 * HTTP request durations per method, route pattern (never the raw path: ids would make one series
 * per consortium) and status class, for `/metrics` as a Prometheus histogram.
 */
@Injectable()
export class HttpMetrics {
  private readonly series = new Map<string, Series>();

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
    const labels = `method="${method}",route="${route.replace(/["\\\n]/g, '_')}",status="${Math.floor(status / 100)}xx"`;
    let series = this.series.get(labels);
    if (!series) this.series.set(labels, (series = { labels, buckets: httpDurationBuckets.map(() => 0), count: 0, sum: 0 }));
    httpDurationBuckets.forEach((bound, i) => {
      if (seconds <= bound) series!.buckets[i]++;
    });
    series.count++;
    series.sum += seconds;
  }

  /** The histogram's sample lines, each with `service` first among its labels. */
  samples(service: string): string[] {
    const name = 'ccndr_http_request_duration_seconds';
    const lines: string[] = [];
    for (const s of this.series.values()) {
      httpDurationBuckets.forEach((bound, i) => lines.push(`${name}_bucket{${service},${s.labels},le="${bound}"} ${s.buckets[i]}`));
      lines.push(`${name}_bucket{${service},${s.labels},le="+Inf"} ${s.count}`, `${name}_sum{${service},${s.labels}} ${s.sum}`, `${name}_count{${service},${s.labels}} ${s.count}`);
    }
    return lines;
  }
}
