import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as apps from 'kubernetes-models/apps/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as rbac from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as scheduling from 'kubernetes-models/scheduling.k8s.io/v1';
import * as core from 'kubernetes-models/v1';
import { parse, parseAllDocuments } from 'yaml';
import { ensureKubectl } from '../../scripts/ensure-kubectl';
import { ROOT } from '../support/dashboard-process';
import { KubernetesTypes, type KindRef } from './support/kubernetes-types';

/** A rendered object: its kind and metadata, the rest read through the kind's type from kubernetes-models. */
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

/** The fields read here of the two custom resources, which kubernetes-models has no types for. */
interface HTTPRoute extends K8sObject {
  spec: { rules: Array<{ matches: Array<{ path: { value: string } }>; timeouts?: Record<string, string> }> };
}
interface ServiceMonitor extends K8sObject {
  spec: { selector: { matchLabels: Record<string, string> }; endpoints: object[] };
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

type ModelClass = new (data: object) => { validate(): void };
/** kubernetes-models' classes by apiVersion: each validate() runs the kind's JSON schema. */
const MODELS: Record<string, Record<string, unknown>> = {
  v1: core,
  'apps/v1': apps,
  'networking.k8s.io/v1': networking,
  'policy/v1': policy,
  'rbac.authorization.k8s.io/v1': rbac,
  'scheduling.k8s.io/v1': scheduling,
};

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

function modelOf(o: KindRef): ModelClass {
  const model = MODELS[o.apiVersion]?.[o.kind];
  if (typeof model !== 'function') throw new Error(`kubernetes-models has no ${o.apiVersion} ${o.kind} here`);
  return model as ModelClass;
}

const builtIn = all.filter((o) => !isCustom(o));
const kinds = [...new Map(builtIn.map((o) => [`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind }])).values()];
let types: KubernetesTypes;
beforeAll(() => {
  types = new KubernetesTypes(kinds);
}, 60_000);

/** The one object of `kind` and `name` that `dir` renders, typed as the caller reads it. */
function find<T = K8sObject>(dir: string, kind: string, name: string): T {
  const found = rendered.get(dir)!.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${dir} renders no ${kind} ${name}`);
  return found as T;
}

const RESTRICTED_CONTAINER = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

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
    const deployment = structuredClone(find<apps.IDeployment & K8sObject>('overlays/single', 'Deployment', 'sss-dashboard'));
    const pod = deployment.spec!.template.spec!;
    Object.assign(pod.containers[0].securityContext!, { readOnlyRootFileSystem: true }); // "FileSystem": not the field's name
    pod.tolerations = [{ operater: 'Exists' } as core.IToleration];
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
    const dashboardPod = () => find<apps.IDeployment>(dir, 'Deployment', 'sss-dashboard').spec!.template.spec!;
    const agent = () => find<apps.IDaemonSet & K8sObject>(dir, 'DaemonSet', 'sss-agent');
    const hasRequestsAndLimits = (c: core.IContainer) => {
      expect(c.resources?.requests).toEqual({ cpu: expect.any(String) as string, memory: expect.any(String) as string });
      expect(c.resources?.limits).toEqual({ cpu: expect.any(String) as string, memory: expect.any(String) as string });
    };

    it('puts the dashboard in a restricted namespace and the agent in a privileged one', () => {
      expect(find(dir, 'Namespace', 'sss').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
      expect(find(dir, 'Namespace', 'sss-agent').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'privileged' });
      expect(find(dir, 'Deployment', 'sss-dashboard').metadata.namespace).toBe('sss');
      expect(agent().metadata.namespace).toBe('sss-agent');
    });

    it('runs the dashboard non-root, read-only, without privileges, with probes, drain and the GC flag', () => {
      const pod = dashboardPod();
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      expect(pod.containers).toHaveLength(1);
      const [c] = pod.containers;
      expect(c.securityContext).toEqual(RESTRICTED_CONTAINER);
      hasRequestsAndLimits(c);
      expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
      const preStop = c.lifecycle?.preStop?.exec?.command ?? [];
      expect(preStop).toEqual(['sleep', expect.stringMatching(/^\d+$/) as string]);
      // The preStop sleep and the dashboard's 5 s shutdown deadline fit in the grace period, with a margin.
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(Number(preStop[1]) + 5 + 5);
      expect([...(c.command ?? []), ...(c.args ?? [])]).toEqual(['node', '--single-threaded-gc', 'dist/apps/dashboard/main.js']);
      expect(c.env?.find((e) => e.name === 'NODE_OPTIONS')).toBeUndefined();
    });

    it('gives secrets to the dashboard only through secretKeyRef, never as plain values', () => {
      const env = dashboardPod().containers[0].env ?? [];
      for (const name of ['SSS_METRICS_TOKEN', ...(dir === 'overlays/postgres' ? ['SSS_STORAGE_URL', 'SSS_BUS_URL'] : [])]) {
        expect(env.find((e) => e.name === name)).toEqual({
          name,
          valueFrom: { secretKeyRef: expect.objectContaining({ key: expect.any(String) as string }) as object },
        });
      }
      expect(env.filter((e) => /SECRET|TOKEN|PASSWORD|URL/.test(e.name) && e.value !== undefined)).toEqual([]);
      expect(JSON.stringify(find<core.IConfigMap>(dir, 'ConfigMap', 'sss-dashboard').data)).not.toMatch(
        /secret:|token:|postgres(ql)?:\/\/|rediss?:\/\//,
      );
    });

    it('lets the dashboard create TokenReviews and nothing more', () => {
      expect(find<rbac.IClusterRole>(dir, 'ClusterRole', 'sss-dashboard-tokenreview').rules).toEqual([
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      ]);
      const binding = find<rbac.IClusterRoleBinding>(dir, 'ClusterRoleBinding', 'sss-dashboard-tokenreview');
      expect(binding.roleRef.name).toBe('sss-dashboard-tokenreview');
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'sss-dashboard', namespace: 'sss' }]);
      expect(
        rendered
          .get(dir)!
          .filter((o) => ['Role', 'ClusterRole'].includes(o.kind))
          .map((o) => o.metadata.name),
      ).toEqual(['sss-dashboard-tokenreview']);
    });

    it("runs the agent on every Linux node with the host's view, read-only, as nobody, without an API token", () => {
      const ds = agent().spec!;
      expect(ds.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
      const pod = ds.template.spec!;
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
      expect(c.securityContext).toEqual(RESTRICTED_CONTAINER);
      hasRequestsAndLimits(c);
      expect((c.args ?? []).join(' ')).toContain('--host-root /host');
      expect(c.volumeMounts?.find((m) => m.name === 'host-root')).toEqual({
        name: 'host-root',
        mountPath: '/host',
        readOnly: true,
        mountPropagation: 'HostToContainer',
      });
      const volumes = pod.volumes ?? [];
      expect(volumes.find((v) => v.name === 'host-root')?.hostPath?.path).toBe('/');
      // The one credential to the API: a projected token for the dashboard's audience, valid an hour.
      const projected = volumes.filter((v) => v.projected);
      expect(projected).toHaveLength(1);
      expect(projected[0].projected?.sources).toEqual([
        { serviceAccountToken: { path: 'token', audience: expect.any(String) as string, expirationSeconds: 3600 } },
      ]);
      // Kubernetes identity instead of a shared secret: the agent sends that token, and no Secret reaches the pod.
      const tokenMount = c.volumeMounts?.find((m) => m.name === projected[0].name);
      expect(tokenMount?.readOnly).toBe(true);
      expect(c.env).toContainEqual({ name: 'SSS_AGENT_KUBERNETES_TOKEN_FILE', value: `${tokenMount?.mountPath}/token` });
      expect(volumes.filter((v) => v.secret)).toEqual([]);
      expect((c.env ?? []).filter((e) => /SECRET/.test(e.name))).toEqual([]);
      // The dashboard reviews it for the same audience, accepting the agent's service account only.
      const dashboardYaml = find<core.IConfigMap>(dir, 'ConfigMap', 'sss-dashboard').data!['dashboard.yaml'];
      expect((parse(dashboardYaml) as { enrollment: { kubernetes: object } }).enrollment.kubernetes).toEqual({
        enabled: true,
        audience: projected[0].projected?.sources?.[0].serviceAccountToken?.audience,
        serviceAccount: `system:serviceaccount:${agent().metadata.namespace}:${pod.serviceAccountName}`,
      });
      expect(find<core.IServiceAccount>(dir, 'ServiceAccount', 'sss-agent').automountServiceAccountToken).toBe(false);
      expect(find<scheduling.IPriorityClass>(dir, 'PriorityClass', 'sss-agent').value).toBeGreaterThan(0);
    });

    it('pins both images to the version in package.json, never latest', () => {
      const images = [dashboardPod(), agent().spec!.template.spec!].flatMap((pod) => pod.containers.map((c) => c.image));
      expect(images).toHaveLength(2);
      for (const image of images) expect(image).toMatch(new RegExp(`:${VERSION.replace(/\./g, '\\.')}$`));
      expect(JSON.stringify(all)).not.toMatch(/:latest"/);
    });
  });

  it('single keeps SQLite on a claim and stops the old pod first; postgres takes its URL from a Secret', () => {
    const single = find<apps.IDeployment>('overlays/single', 'Deployment', 'sss-dashboard').spec!;
    expect(single.strategy).toEqual({ type: 'Recreate' });
    expect(single.template.spec!.volumes?.find((v) => v.name === 'data')).toEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'sss-data' },
    });
    expect(find<core.IPersistentVolumeClaim>('overlays/single', 'PersistentVolumeClaim', 'sss-data').spec?.accessModes).toEqual([
      'ReadWriteOnce',
    ]);
    expect(rendered.get('overlays/postgres')!.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
  });

  it('runs several dashboard replicas only where they share the event bus and a database other than SQLite', () => {
    for (const dir of KUSTOMIZATIONS) {
      for (const deployment of rendered.get(dir)!.filter((o) => o.kind === 'Deployment') as Array<apps.IDeployment & K8sObject>) {
        const replicas = deployment.spec!.replicas ?? 1;
        if (replicas <= 1) continue;
        const env = deployment.spec!.template.spec!.containers[0].env ?? [];
        const names = env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
        expect([dir, deployment.metadata.name, names]).toEqual([
          dir,
          deployment.metadata.name,
          expect.arrayContaining(['SSS_BUS_URL', 'SSS_STORAGE_URL']),
        ]);
      }
    }
    expect(find<apps.IDeployment>('overlays/single', 'Deployment', 'sss-dashboard').spec!.replicas).toBe(1);
    const scaled = find<apps.IDeployment>('overlays/postgres', 'Deployment', 'sss-dashboard').spec!;
    expect(scaled.replicas).toBeGreaterThanOrEqual(2);
    expect(scaled.template.spec!.topologySpreadConstraints?.[0]).toMatchObject({ topologyKey: 'kubernetes.io/hostname' });
    // A drain or a rolling update never takes every replica at once.
    expect(scaled.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    const budget = find<policy.IPodDisruptionBudget>('overlays/postgres', 'PodDisruptionBudget', 'sss-dashboard').spec!;
    expect(budget).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'sss-dashboard' } } });
  });

  it('exposes the WebSocket channels with long timeouts and no buffering, through an Ingress or an HTTPRoute', () => {
    const nginx = find('exposure/ingress-nginx', 'Ingress', 'sss-dashboard').metadata.annotations ?? {};
    expect(Number(nginx['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(Number(nginx['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(nginx['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    expect(find<networking.IIngress>('exposure/traefik', 'Ingress', 'sss-dashboard').spec?.ingressClassName).toBe('traefik');
    for (const dir of ['exposure/ingress-nginx', 'exposure/traefik']) {
      expect(find<networking.IIngress>(dir, 'Ingress', 'sss-dashboard').spec?.tls).toHaveLength(1);
    }
    const route = find<HTTPRoute>('exposure/gateway-api', 'HTTPRoute', 'sss-dashboard').spec;
    const wsRule = route.rules.find((r) => r.matches.some((m) => m.path.value === '/ws-report'))!;
    expect(wsRule.matches.map((m) => m.path.value).sort()).toEqual(['/ws-frontend', '/ws-report']);
    expect(wsRule.timeouts).toEqual({ request: '0s' });
  });

  it('scrapes /metrics with the bearer token from a Secret (Prometheus Operator)', () => {
    const monitor = find<ServiceMonitor>('monitoring', 'ServiceMonitor', 'sss-dashboard').spec;
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
