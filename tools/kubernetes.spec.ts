import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';
import { healthCheckBudgetMs } from '@ccndr/config';
import { domainServiceNames, serviceNames } from '@ccndr/local-stack';

const root = join(__dirname, '..');
const kubernetes = join(root, 'infra', 'kubernetes');
type Manifest = Record<string, any>;

/**
 * Renders a kustomization as `kubectl apply -k` would, for the fields our kustomizations use
 * (resources, namespace, labels, images); any other field fails the render rather than being ignored.
 */
function render(directory: string): Manifest[] {
  const kustomization = parse(readFileSync(join(directory, 'kustomization.yaml'), 'utf8'));
  const unsupported = Object.keys(kustomization).filter((key) => !['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images'].includes(key));
  if (unsupported.length) throw new Error(`${directory}: kustomization fields this render does not apply: ${unsupported.join(', ')}`);
  let manifests: Manifest[] = kustomization.resources.flatMap((resource: string) => {
    const path = join(directory, resource);
    if (statSync(path).isDirectory()) return render(path);
    return parseAllDocuments(readFileSync(path, 'utf8')).map((document) => {
      if (document.errors.length) throw new Error(`${path}: ${document.errors[0].message}`);
      return document.toJS();
    });
  });
  if (kustomization.namespace) manifests = manifests.map((m) => ({ ...m, metadata: { ...m.metadata, namespace: kustomization.namespace } }));
  for (const { pairs } of kustomization.labels ?? []) manifests = manifests.map((m) => ({ ...m, metadata: { ...m.metadata, labels: { ...m.metadata.labels, ...pairs } } }));
  for (const image of kustomization.images ?? []) {
    for (const container of manifests.flatMap(containersOf)) {
      const [name] = container.image.split(':');
      if (name === image.name) container.image = `${image.newName ?? name}:${image.newTag ?? container.image.split(':')[1]}`;
    }
  }
  return manifests;
}

function containersOf(manifest: Manifest): Manifest[] {
  const pod = manifest.spec?.template?.spec;
  return pod ? [...(pod.initContainers ?? []), ...pod.containers] : [];
}

/** Problems the Kubernetes OpenAPI schemas find (kubernetes-models' validators: types, required fields, formats). */
function schemaProblems(manifests: Manifest[]): string[] {
  return manifests.flatMap((m) => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const model = require(`kubernetes-models/${m.apiVersion}/${m.kind}`);
      new model[m.kind](m).validate();
      return [];
    } catch (error) {
      return [`${m.kind}/${m.metadata?.name}: ${error instanceof Error ? error.message : error}`];
    }
  });
}

/** Fields the Kubernetes API does not have (typos, misplaced keys): the manifests type-checked against kubernetes-types. */
function unknownFields(manifests: Manifest[]): string[] {
  const file = join(kubernetes, 'rendered.generated.ts');
  const source = manifests
    .map((m, i) => {
      const group = m.apiVersion.includes('/') ? m.apiVersion.replace('.k8s.io', '') : `core/${m.apiVersion}`;
      return `import type { ${m.kind} as T${i} } from 'kubernetes-types/${group}';\nexport const m${i}: T${i} = ${JSON.stringify(m)};`;
    })
    .join('\n');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, types: [], moduleResolution: ts.ModuleResolutionKind.Node10, module: ts.ModuleKind.CommonJS };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = ((exists) => (name: string) => name === file || exists(name))(host.fileExists);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const index = d.file ? source.slice(0, d.start).split('\n').length : 0;
    const manifest = manifests[Math.floor((index - 1) / 2)];
    return `${manifest?.kind}/${manifest?.metadata?.name}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('the Kubernetes manifests (infra/kubernetes)', () => {
  const manifests = render(join(kubernetes, 'overlays', 'example'));
  const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

  it('render, and pass the Kubernetes schemas with no unknown field', () => {
    expect(manifests.length).toBeGreaterThan(20);
    expect(schemaProblems(manifests)).toEqual([]);
    expect(unknownFields(manifests)).toEqual([]);
  });

  it('would fail a wrong type, a missing required field and a misspelt field', () => {
    const broken = structuredClone(find('Deployment', 'community')!);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'three thousand';
    const noSelector = structuredClone(find('Deployment', 'evaluation')!);
    delete noSelector.spec.selector;
    expect(schemaProblems([broken, noSelector])).toEqual([expect.stringContaining('containerPort'), expect.stringContaining('selector')]);
    const misspelt = structuredClone(find('Service', 'community')!);
    misspelt.spec.ports[0].targetPortt = 'http';
    expect(unknownFields([misspelt])).toEqual([expect.stringContaining('targetPortt')]);
  });

  it('gives every service and the portal a Deployment with probes on its health routes, a Service, an autoscaler and a disruption budget', () => {
    for (const name of serviceNames) {
      const deployment = find('Deployment', name)!;
      const pod = deployment.spec.template;
      expect(deployment.metadata.namespace).toBe('readiness-platform');
      expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
      expect(pod.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
      const [container] = pod.spec.containers;
      expect(container.image).toBe(`registry.example.org/readiness-platform/${name}:0.1.0`);
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      // The health routes answer within one deadline, whatever hangs: a probe that waits longer
      // (with room for the HTTP exchange) never fails on a slow answer, only on a real one.
      for (const probe of [container.readinessProbe, container.livenessProbe]) expect(probe.timeoutSeconds * 1000).toBeGreaterThanOrEqual(healthCheckBudgetMs + 250);
      expect(container.ports).toEqual([{ name: 'http', containerPort: 3000 }]);
      expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true });
      expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(find('Service', name)!.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      const autoscaler = find('HorizontalPodAutoscaler', name)!;
      expect(autoscaler.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(find('PodDisruptionBudget', name)!.spec.selector).toEqual(deployment.spec.selector);
    }
  });

  it('gives the probes windows that fit what the health routes mean, as docs/operations.md says', () => {
    const operations = readFileSync(join(root, 'docs', 'operations.md'), 'utf8').replace(/\s+/g, ' ');
    const windowOf = (probe: Manifest) => probe.periodSeconds * probe.failureThreshold;
    for (const name of serviceNames) {
      const { startupProbe: startup, readinessProbe: readiness, livenessProbe: liveness } = find('Deployment', name)!.spec.template.spec.containers[0];
      // Readiness fails only while the database does not answer (a NATS outage leaves it 200,
      // degraded): a PostgreSQL restart or failover of a few seconds must not empty the load
      // balancer, a pod cut off from its database for longer must leave it within half a minute.
      expect(windowOf(readiness)).toBeGreaterThanOrEqual(10);
      expect(windowOf(readiness)).toBeLessThanOrEqual(30);
      // Liveness does no look-up: only a process that stopped answering altogether is restarted,
      // and only after it has left the load balancer (a longer window than readiness's).
      expect(windowOf(liveness)).toBeGreaterThan(windowOf(readiness));
      expect(windowOf(liveness)).toBeGreaterThanOrEqual(30);
      // Start-up (schema migration, streams and consumers declared) has two minutes before liveness counts.
      expect(windowOf(startup)).toBeGreaterThanOrEqual(120);
      // The runbook states each window as the manifests set it.
      for (const [kind, probe] of [['readiness', readiness], ['liveness', liveness], ['startup', startup]] as const) {
        expect(operations).toContain(`${kind}: every ${probe.periodSeconds} s, ${probe.failureThreshold} failures in a row, ${windowOf(probe)} s`);
      }
    }
  });

  it('takes every secret from keys listed in secrets.example.env, and settings from the ConfigMap', () => {
    const keys = readFileSync(join(kubernetes, 'secrets.example.env'), 'utf8').split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split('=')[0]);
    const used = manifests.flatMap(containersOf).flatMap((c) => (c.env ?? []).map((e: Manifest) => e.valueFrom?.secretKeyRef).filter(Boolean));
    expect(used.length).toBeGreaterThan(10);
    for (const ref of used) expect({ secret: ref.name, key: keys.includes(ref.key) }).toEqual({ secret: 'readiness-platform-secrets', key: true });
    for (const container of manifests.flatMap(containersOf)) for (const from of container.envFrom ?? []) expect(find('ConfigMap', from.configMapRef.name)).toBeDefined();
    for (const name of domainServiceNames) {
      const env = find('Deployment', name)!.spec.template.spec.containers[0].env;
      expect(env).toEqual(expect.arrayContaining([{ name: 'NATS_USER', value: name }, { name: 'OTEL_SERVICE_NAME', value: name }]));
    }
  });

  it('migrates every domain service’s schema in a job, each with its own image and database role', () => {
    const job = find('Job', 'migrations')!;
    const containers = containersOf(job);
    expect(containers.map((c) => c.name).sort()).toEqual([...domainServiceNames].sort());
    for (const c of containers) {
      expect(c.image).toBe(`registry.example.org/readiness-platform/${c.name}:0.1.0`);
      expect(c.args).toEqual(['--migrate-only']);
      expect(c.env.find((e: Manifest) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef.key).toBe(`DATABASE_URL_${c.name.replace(/-/g, '_').toUpperCase()}`);
    }
  });

  it('denies all traffic by default and opens only what the architecture uses, to pods that exist', () => {
    const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
    expect(policies.find((p) => p.metadata.name === 'default-deny')!.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const podLabels = manifests.filter((m) => m.spec?.template).map((m) => m.spec.template.metadata.labels);
    for (const policy of policies) {
      const selector = policy.spec.podSelector.matchLabels ?? {};
      const selected = podLabels.filter((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
      expect({ policy: policy.metadata.name, selects: selected.length > 0 }).toEqual({ policy: policy.metadata.name, selects: true });
    }
    const services = policies.find((p) => p.metadata.name === 'services')!;
    expect(services.spec.egress.flatMap((rule: Manifest) => rule.ports.map((p: Manifest) => p.port)).sort((a: number, b: number) => a - b)).toEqual([443, 4222, 4318, 5432]);
    // Only community, which sends the notifications, reaches a mail server; it takes its address and credentials from the secret.
    const mail = policies.find((p) => p.metadata.name === 'community-mail')!;
    expect(mail.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'community' });
    expect(mail.spec.egress.flatMap((rule: Manifest) => rule.ports.map((p: Manifest) => p.port)).sort((a: number, b: number) => a - b)).toEqual([465, 587]);
    const community = containersOf(find('Deployment', 'community')!).find((c: Manifest) => c.name === 'community')!;
    expect(community.env.find((e: Manifest) => e.name === 'SMTP_URL').valueFrom.secretKeyRef).toEqual({ name: 'readiness-platform-secrets', key: 'SMTP_URL' });
    expect(find('ConfigMap', 'readiness-platform')!.data.MAIL_FROM).toMatch(/<.+@.+>/);
    // Services never call each other: only the portal, the ingress controller and Prometheus reach them.
    expect(services.spec.ingress[0].from.filter((peer: Manifest) => peer.podSelector)).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'portal' } } }]);
  });

  it('runs NATS from the official Helm chart as a three-node JetStream cluster with the platform’s users and permissions', () => {
    const values = parse(readFileSync(join(kubernetes, 'nats-values.yaml'), 'utf8'));
    expect(values.config.cluster).toEqual({ enabled: true, replicas: 3 });
    expect(values.config.jetstream.enabled).toBe(true);
    expect(find('ConfigMap', 'readiness-platform')!.data.NATS_STREAM_REPLICAS).toBe('3');
    const conf = readFileSync(join(kubernetes, '..', 'nats', 'nats-server.conf'), 'utf8');
    const users = values.config.merge.accounts.PLATFORM.users;
    for (const user of users) {
      const block = conf.slice(conf.indexOf(`user: ${user.user},`)).split(/\{ user: /)[0];
      const subjects = [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
      expect({ user: user.user, subjects }).toEqual({ user: user.user, subjects: [...user.permissions.publish, ...user.permissions.subscribe] });
      const variable = `NATS_${user.user.replace(/-/g, '_').toUpperCase()}_PASSWORD`;
      expect(user.password).toBe(`<< $${variable} >>`);
      expect(values.container.env[variable].valueFrom.secretKeyRef).toEqual({ name: 'nats-passwords', key: variable });
    }
    const confUsers = [...conf.matchAll(/\{ user: ([a-z-]+), password/g)].map((m) => m[1]);
    expect([...users.map((u: Manifest) => u.user), ...values.config.merge.accounts.SYS.users.map((u: Manifest) => u.user)]).toEqual(confUsers);
    expect(values.config.merge.system_account).toBe('SYS');
  });

  it('renders every kustomization in the folder', () => {
    const folders = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [join(dir, e.name), ...folders(join(dir, e.name))] : []));
    const kustomized = folders(kubernetes).filter((dir) => readdirSync(dir).includes('kustomization.yaml'));
    expect(kustomized.map((dir) => dir.slice(kubernetes.length + 1)).sort()).toEqual(['base', 'overlays/example']);
    for (const dir of kustomized) expect(render(dir).length).toBeGreaterThan(0);
  });
});
