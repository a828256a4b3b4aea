/** One sample of a Prometheus text exposition: a metric name, its labels (in any order) and its value. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a `/metrics` answer, comments left out. */
export function metricSamples(exposition: string): MetricSample[] {
  return exposition
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labels = '', value] = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line) ?? [];
      if (!name) throw new Error(`not a sample line: ${line}`);
      return { name, labels: Object.fromEntries([...labels.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, text]) => [key, text])), value: Number(value) };
    });
}

/** The value of the one sample of `name` whose labels include `labels`, or undefined. */
export function metricValue(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  const found = metricSamples(exposition).filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}
