import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { parseAllDocuments, parse } from 'yaml';
import { loadConfig } from '../../../src/config/load-config.js';
import { loadProviders } from '../../../src/providers/config/load-providers.js';

// The manifests are validated against the Kubernetes object schemas (kubernetes-models),
// then checked for what this service needs: probes on its health routes, a grace
// period above its own drain, a locked-down pod, config and secrets from the right places.
const root = new URL('../../../', import.meta.url);
const base = new URL('deploy/kubernetes/base/', root);
const overlay = new URL('deploy/kubernetes/overlays/example/', root);
const read = (url: URL) => readFileSync(url, 'utf8');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec: any };
const kustomization = parse(read(new URL('kustomization.yaml', base))) as { resources: string[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) => parseAllDocuments(read(new URL(file, base))).map((d) => d.toJSON() as Manifest));
const byKind = (kind: string) => {
  const found = manifests.find((m) => m.kind === kind);
  if (!found) throw new Error(`no ${kind} in the base`);
  return found;
};

/** The kubernetes-models class for an object's apiVersion and kind. */
async function modelOf(manifest: Manifest): Promise<new (data: unknown) => { validate(): void }> {
  const module = (await import(`kubernetes-models/${manifest.apiVersion}`)) as Record<string, new (data: unknown) => { validate(): void }>;
  const model = module[manifest.kind];
  if (!model) throw new Error(`kubernetes-models has no ${manifest.apiVersion} ${manifest.kind}`);
  return model;
}

const deployment = byKind('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const env: Record<string, string> = Object.fromEntries((container.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));

describe('Kubernetes base manifests', () => {
  it('has a Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler and NetworkPolicy', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']);
  });

  it.each(kustomization.resources)('%s validates against the Kubernetes schema', async (file) => {
    for (const document of parseAllDocuments(read(new URL(file, base)))) {
      const manifest = document.toJSON() as Manifest;
      const Model = await modelOf(manifest);
      expect(() => new Model(manifest).validate()).not.toThrow();
    }
  });

  it('the schema check is real: a wrong type is refused', async () => {
    const deployment = structuredClone(byKind('Deployment'));
    deployment.spec.replicas = 'two';
    const Model = await modelOf(deployment);
    expect(() => new Model(deployment).validate()).toThrow(/replicas/);
  });

  it('probes the health routes: liveness on /health/live, readiness on /health/ready', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.startupProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
  });

  it('gives shutdown enough time: grace period above preStop + drain + SHUTDOWN_GRACE_MS', () => {
    const preStopSeconds = Number(container.lifecycle.preStop.exec.command.at(-1));
    expect(preStopSeconds).toBeGreaterThan(0);
    // The BFF waits one second for load balancers after SIGTERM, then drains for up to SHUTDOWN_GRACE_MS.
    const needed = preStopSeconds + 1 + Number(env.SHUTDOWN_GRACE_MS) / 1000;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(needed);
  });

  it('runs non-root with a read-only root filesystem, no privilege escalation and no capabilities', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('sets resource requests and limits', () => {
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
  });

  it('reads the providers file from a ConfigMap and secrets from a Secret, never from literal env values', () => {
    const mount = container.volumeMounts.find((m: { mountPath: string }) => env.PROVIDERS_FILE.startsWith(`${m.mountPath}/`));
    const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name);
    expect(volume.configMap.name).toBe('oauth-bff-providers');
    expect(container.envFrom).toContainEqual({ secretRef: { name: 'oauth-bff-secrets' } });
    expect(Object.keys(env).filter((k) => /SECRET|PASSWORD|TOKEN_KEYS|DATABASE_URL/.test(k))).toEqual([]);
  });

  it('Service, PDB, HPA and NetworkPolicy all point at the Deployment’s pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(byKind('Service').spec.selector).toEqual(labels);
    expect(byKind('PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels);
    expect(byKind('NetworkPolicy').spec.podSelector.matchLabels).toEqual(labels);
    expect(byKind('HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    expect(byKind('HorizontalPodAutoscaler').spec.minReplicas).toBeGreaterThanOrEqual(2);
  });
});

describe('Kubernetes example overlay', () => {
  const overlayKustomization = parse(read(new URL('kustomization.yaml', overlay))) as {
    resources: string[];
    configMapGenerator: { name: string; envs?: string[]; files?: string[] }[];
    secretGenerator: { name: string; envs?: string[]; files?: string[] }[];
  };
  const generator = (name: string) => [...overlayKustomization.configMapGenerator, ...overlayKustomization.secretGenerator].find((g) => g.name === name)!;

  it('builds on the base and generates exactly the ConfigMaps and Secret the Deployment references', () => {
    expect(overlayKustomization.resources).toEqual(['../../base']);
    expect(overlayKustomization.configMapGenerator.map((g) => g.name).sort()).toEqual(['oauth-bff-config', 'oauth-bff-providers']);
    expect(overlayKustomization.secretGenerator.map((g) => g.name)).toEqual(['oauth-bff-secrets']);
  });

  it('its config, secrets and providers file boot the service in production mode', () => {
    const podEnv: Record<string, string> = {};
    for (const file of [...generator('oauth-bff-config').envs!, ...generator('oauth-bff-secrets').envs!]) Object.assign(podEnv, parseEnv(read(new URL(file, overlay))));
    const config = loadConfig({ ...podEnv, ...env, PROVIDERS_FILE: new URL(generator('oauth-bff-providers').files![0], overlay).pathname });
    expect(config.isProduction).toBe(true);
    expect(config.redis.embedded).toBe(false);
    expect(config.database.embedded).toBe(false);
    expect(config.http.shutdownGraceMs).toBe(20_000);
    expect(loadProviders(config).map((p) => p.id)).toEqual(['corp-sso']);
  });
});
