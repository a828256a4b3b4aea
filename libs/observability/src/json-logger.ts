import { LoggerService } from '@nestjs/common';
import { isSpanContextValid, trace } from '@opentelemetry/api';

const levels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof levels)[number];

/** One JSON object per line on stdout, with the active trace and span ids. */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    level: LogLevel = 'info',
  ) {
    this.threshold = levels.indexOf(level);
  }

  write(level: LogLevel, message: unknown, fields: Record<string, unknown> = {}): void {
    if (levels.indexOf(level) < this.threshold) return;
    const active = trace.getActiveSpan()?.spanContext();
    const span = active && isSpanContextValid(active) ? active : undefined;
    const line = {
      time: new Date().toISOString(),
      level,
      service: this.service,
      msg: message instanceof Error ? message.message : String(message),
      ...(span ? { trace_id: span.traceId, span_id: span.spanId } : {}),
      ...fields,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context ? { context } : {});
  }
  error(message: unknown, stack?: string, context?: string): void {
    this.write('error', message, { ...(stack ? { stack } : {}), ...(context ? { context } : {}) });
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context ? { context } : {});
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context ? { context } : {});
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context ? { context } : {});
  }
}

/** How a process that could not start ends: why, as one log line like the others, then exit code 1. */
export function exitAfterFailedStart(service: string): (error: unknown) => never {
  return (error) => {
    new JsonLogger(service).write('error', 'failed to start', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  };
}
