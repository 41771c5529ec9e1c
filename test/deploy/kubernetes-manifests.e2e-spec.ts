import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ensureKubectl } from '../../scripts/ensure-kubectl';
import { ROOT } from '../support/dashboard-process';
import { KubernetesTypes, type KindRef } from './support/kubernetes-types';

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- rendered YAML, asserted field by field below
  [key: string]: unknown;
}

const K8S = join(ROOT, 'deploy/k8s');
/** Every kustomization a user applies (README and docs/deploy.md name each). */
const KUSTOMIZATIONS = [
  'overlays/single',
  'overlays/postgres',
  'exposure/ingress-nginx',
  'exposure/traefik',
  'exposure/gateway-api',
  'monitoring',
];
/** Custom resources: kubernetes-models has no schema or type for them, so only their metadata is checked strictly. */
const CUSTOM_KINDS = ['gateway.networking.k8s.io/v1/HTTPRoute', 'monitoring.coreos.com/v1/ServiceMonitor'];
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const kubectl = ensureKubectl();
function render(dir: string): K8sObject[] {
  const text = execFileSync(kubectl, ['kustomize', join(K8S, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length) throw doc.errors[0];
    return doc.toJS() as K8sObject;
  });
}
const rendered = new Map(KUSTOMIZATIONS.map((dir) => [dir, render(dir)]));
const all = [...rendered.values()].flat();
const isCustom = (o: K8sObject) => CUSTOM_KINDS.includes(`${o.apiVersion}/${o.kind}`);

/** kubernetes-models' class for a built-in kind, whose validate() runs the kind's JSON schema. */
function modelOf(o: KindRef): new (data: object) => { validate(): void } {
  const module = require(`kubernetes-models/${o.apiVersion}`) as Record<string, new (data: object) => { validate(): void }>;
  const model = module[o.kind];
  if (!model) throw new Error(`kubernetes-models has no ${o.apiVersion} ${o.kind}`);
  return model;
}

const builtIn = all.filter((o) => !isCustom(o));
const kinds = [...new Map(builtIn.map((o) => [`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind }])).values()];
let types: KubernetesTypes;
beforeAll(() => {
  types = new KubernetesTypes(kinds);
}, 60_000);

function find(dir: string, kind: string, name: string): K8sObject {
  const found = rendered.get(dir)!.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${dir} renders no ${kind} ${name}`);
  return found;
}

describe('deploy/k8s rendered with kubectl kustomize', () => {
  it.each(KUSTOMIZATIONS)('%s renders', (dir) => {
    expect(rendered.get(dir)!.length).toBeGreaterThan(0);
  });

  it('has only kinds whose schema is known here, or the two custom resources', () => {
    const unknown = builtIn.filter((o) => {
      try {
        modelOf(o);
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([]);
    expect([...new Set(all.filter(isCustom).map((o) => o.kind))].sort()).toEqual(['HTTPRoute', 'ServiceMonitor']);
  });

  it.each(builtIn.map((o) => [`${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, o] as const))(
    '%s validates against kubernetes-models and has no key its type lacks',
    (_, object) => {
      const Model = modelOf(object);
      expect(() => new Model(object).validate()).not.toThrow();
      expect(types.unknownKeys(object)).toEqual([]);
    },
  );

  it.each(all.filter(isCustom).map((o) => [o.kind, o] as const))('%s (a custom resource) has strict metadata', (_, object) => {
    expect(types.unknownMetadataKeys(object)).toEqual([]);
  });

  it('catches a misspelled key that the schema validation lets through', () => {
    const deployment = structuredClone(find('overlays/single', 'Deployment', 'sss-dashboard'));
    const container = deployment.spec.template.spec.containers[0];
    container.securityContext.readOnlyRootFileSystem = true; // "FileSystem": not the field's name
    deployment.spec.template.spec.tolerations = [{ operater: 'Exists' }];
    expect(() => new (modelOf(deployment))(deployment).validate()).not.toThrow();
    expect(types.unknownKeys(deployment)).toEqual([
      '.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem',
      '.spec.template.spec.tolerations[0].operater',
    ]);
    expect(types.unknownMetadataKeys({ metadata: { name: 'x', lables: {} } })).toEqual(['metadata.lables']);
  });
});

describe('the security settings of deploy/k8s', () => {
  describe.each(['overlays/single', 'overlays/postgres'])('%s', (dir) => {
    const dashboard = () => find(dir, 'Deployment', 'sss-dashboard');
    const agent = () => find(dir, 'DaemonSet', 'sss-agent');

    it('puts the dashboard in a restricted namespace and the agent in a privileged one', () => {
      expect(find(dir, 'Namespace', 'sss').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
      expect(find(dir, 'Namespace', 'sss-agent').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'privileged' });
      expect(dashboard().metadata.namespace).toBe('sss');
      expect(agent().metadata.namespace).toBe('sss-agent');
    });

    it('runs the dashboard non-root, read-only, without privileges, with probes, drain and the GC flag', () => {
      const pod = dashboard().spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.containers).toHaveLength(1);
      const [c] = pod.containers;
      expect(c.securityContext).toEqual({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(c.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(c.livenessProbe.httpGet.path).toBe('/healthz');
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
      expect(c.lifecycle.preStop.exec.command).toEqual(['sleep', expect.stringMatching(/^\d+$/)]);
      const drain = Number(c.lifecycle.preStop.exec.command[1]);
      // The preStop sleep and the dashboard's 5 s shutdown deadline fit in the grace period.
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(drain + 5 + 5);
      expect([...c.command, ...c.args]).toEqual(['node', '--single-threaded-gc', 'dist/apps/dashboard/main.js']);
      expect(c.env.find((e: { name: string }) => e.name === 'NODE_OPTIONS')).toBeUndefined();
    });

    it('gives secrets to the dashboard only through secretKeyRef, never as plain values', () => {
      const env: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: object } }> =
        dashboard().spec.template.spec.containers[0].env;
      for (const name of ['SSS_METRICS_TOKEN', ...(dir === 'overlays/postgres' ? ['SSS_STORAGE_URL'] : [])]) {
        const entry = env.find((e) => e.name === name);
        expect(entry).toEqual({ name, valueFrom: { secretKeyRef: expect.objectContaining({ key: expect.any(String) }) } });
      }
      expect(env.filter((e) => /SECRET|TOKEN|PASSWORD|URL/.test(e.name) && e.value !== undefined)).toEqual([]);
      expect(JSON.stringify(find(dir, 'ConfigMap', 'sss-dashboard').data)).not.toMatch(/secret:|token:|postgres(ql)?:\/\//);
    });

    it('lets the dashboard create TokenReviews and nothing more', () => {
      expect(find(dir, 'ClusterRole', 'sss-dashboard-tokenreview').rules).toEqual([
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      ]);
      const binding = find(dir, 'ClusterRoleBinding', 'sss-dashboard-tokenreview') as unknown as {
        subjects: object[];
        roleRef: { name: string };
      };
      expect(binding.roleRef.name).toBe('sss-dashboard-tokenreview');
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'sss-dashboard', namespace: 'sss' }]);
      expect(all.filter((o) => ['Role', 'ClusterRole'].includes(o.kind)).map((o) => o.metadata.name)).toEqual(
        KUSTOMIZATIONS.filter((d) => d.startsWith('overlays/')).map(() => 'sss-dashboard-tokenreview'),
      );
    });

    it("runs the agent on every Linux node with the host's view, read-only, as nobody, without an API token", () => {
      const ds = agent().spec;
      expect(ds.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
      const pod = ds.template.spec;
      expect(pod).toMatchObject({
        hostPID: true,
        hostNetwork: true,
        automountServiceAccountToken: false,
        priorityClassName: 'sss-agent',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ operator: 'Exists' }],
      });
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } });
      const [c] = pod.containers;
      expect(c.securityContext).toEqual({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.args.join(' ')).toContain('--host-root /host');
      expect(c.volumeMounts.find((m: { name: string }) => m.name === 'host-root')).toEqual({
        name: 'host-root',
        mountPath: '/host',
        readOnly: true,
        mountPropagation: 'HostToContainer',
      });
      expect(pod.volumes.find((v: { name: string }) => v.name === 'host-root').hostPath.path).toBe('/');
      expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(c.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      // The one credential to the API: a projected token for the dashboard's audience, valid an hour.
      const projected = pod.volumes.filter((v: { projected?: object }) => v.projected);
      expect(projected).toHaveLength(1);
      expect(projected[0].projected.sources).toEqual([
        { serviceAccountToken: { path: 'token', audience: expect.any(String), expirationSeconds: 3600 } },
      ]);
      expect(find(dir, 'ServiceAccount', 'sss-agent').automountServiceAccountToken).toBe(false);
      expect(find(dir, 'PriorityClass', 'sss-agent').value).toBeGreaterThan(0);
    });

    it('pins both images to the version in package.json, never latest', () => {
      const images = [dashboard(), agent()].flatMap((o) =>
        o.spec.template.spec.containers.map((c: { image: string; imagePullPolicy: string }) => c.image),
      );
      expect(images).toHaveLength(2);
      for (const image of images) expect(image).toMatch(new RegExp(`:${VERSION.replace(/\./g, '\\.')}$`));
      expect(JSON.stringify(all)).not.toMatch(/:latest"/);
    });
  });

  it('single keeps SQLite on a claim and stops the old pod first; postgres takes its URL from a Secret', () => {
    const single = find('overlays/single', 'Deployment', 'sss-dashboard').spec;
    expect(single.strategy).toEqual({ type: 'Recreate' });
    expect(single.template.spec.volumes.find((v: { name: string }) => v.name === 'data')).toEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'sss-data' },
    });
    expect(find('overlays/single', 'PersistentVolumeClaim', 'sss-data').spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(rendered.get('overlays/postgres')!.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
  });

  it('exposes the WebSocket channels with long timeouts and no buffering, through an Ingress or an HTTPRoute', () => {
    const nginx = find('exposure/ingress-nginx', 'Ingress', 'sss-dashboard').metadata.annotations!;
    expect(Number(nginx['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(Number(nginx['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(nginx['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    expect(find('exposure/traefik', 'Ingress', 'sss-dashboard').spec.ingressClassName).toBe('traefik');
    for (const dir of ['exposure/ingress-nginx', 'exposure/traefik'])
      expect(find(dir, 'Ingress', 'sss-dashboard').spec.tls).toHaveLength(1);
    const route = find('exposure/gateway-api', 'HTTPRoute', 'sss-dashboard').spec;
    const wsRule = route.rules.find((r: { matches: Array<{ path: { value: string } }> }) =>
      r.matches.some((m) => m.path.value === '/ws-report'),
    );
    expect(wsRule.matches.map((m: { path: { value: string } }) => m.path.value).sort()).toEqual(['/ws-frontend', '/ws-report']);
    expect(wsRule.timeouts).toEqual({ request: '0s' });
  });

  it('scrapes /metrics with the bearer token from a Secret (Prometheus Operator)', () => {
    const monitor = find('monitoring', 'ServiceMonitor', 'sss-dashboard').spec;
    expect(monitor.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'sss-dashboard' });
    expect(monitor.endpoints).toEqual([
      expect.objectContaining({
        port: 'http',
        path: '/metrics',
        authorization: { type: 'Bearer', credentials: { name: 'sss-metrics', key: 'token' } },
      }),
    ]);
  });
});
