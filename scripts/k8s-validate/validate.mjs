// Renders every overlay under k8s/overlays with `kubectl kustomize` and validates every object offline:
//  1. schema: kubernetes-models (types, required fields, formats, enums of the Kubernetes OpenAPI spec);
//  2. strict fields: every key must be a field of its type (the type map of @kubernetes/client-node),
//     so a misspelt or misplaced field fails instead of being dropped by the API server;
//  3. references and house rules: selectors match pods, named ports exist, ConfigMaps/Secrets/keys exist,
//     HPAs target Deployments, probes, resources and the restricted security context on every container.
// Usage: node validate.mjs [--out DIR]   (DIR receives OVERLAY.json per overlay and compose.json)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as k8s from "@kubernetes/client-node";
import { parseAllDocuments, parse as parseYaml } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const outDir = outIndex >= 0 ? resolve(args[outIndex + 1]) : null;
const kubectl = process.env.KUBECTL || "kubectl";

const errors = [];
const notes = [];
const fail = (where, message) => errors.push(`${where}: ${message}`);

// --- 1. schema (kubernetes-models) -------------------------------------------------------------------
async function schemaErrors(object) {
  const group = object.apiVersion.includes("/") ? object.apiVersion : `v1`;
  let model;
  try {
    model = await import(`kubernetes-models/${group}/${object.kind}`);
  } catch {
    return [`no schema for ${object.apiVersion} ${object.kind}`];
  }
  const Model = model[object.kind] ?? model.default;
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const details = error.errors ?? [];
    return details.length
      ? details.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`)
      : [String(error.message ?? error)];
  }
}

// --- 2. strict fields (@kubernetes/client-node type map) ----------------------------------------------
const leafTypes = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString", "RawExtension"]);

function modelName(object) {
  const version = object.apiVersion.split("/").pop();
  return version.charAt(0).toUpperCase() + version.slice(1) + object.kind;
}

function strictErrors(value, type, path, out) {
  if (value === null || value === undefined || leafTypes.has(type)) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => strictErrors(item, array[1], `${path}/${i}`, out));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    for (const [key, item] of Object.entries(value)) strictErrors(item, map[1], `${path}/${key}`, out);
    return;
  }
  const model = k8s[type];
  if (!model?.attributeTypeMap || typeof value !== "object" || Array.isArray(value)) return;
  const fields = new Map(model.attributeTypeMap.map((a) => [a.baseName, a.type]));
  for (const [key, item] of Object.entries(value)) {
    if (!fields.has(key)) {
      out.push(`${path || "/"} has unknown field "${key}" (not in ${type})`);
    } else {
      strictErrors(item, fields.get(key), `${path}/${key}`, out);
    }
  }
}

// --- 3. references and house rules --------------------------------------------------------------------
const workloadKinds = new Set(["Deployment", "StatefulSet", "Job"]);
const selects = (selector, labels) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v) &&
  (selector?.matchExpressions ?? []).every((e) =>
    e.operator === "In" ? e.values.includes(labels?.[e.key])
    : e.operator === "NotIn" ? !e.values.includes(labels?.[e.key])
    : e.operator === "Exists" ? labels?.[e.key] !== undefined
    : labels?.[e.key] === undefined);
const isEmptySelector = (s) => !s || (Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0);

function checkReferences(overlay, objects) {
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const workloads = objects.filter((o) => workloadKinds.has(o.kind));
  const podsMatching = (selector) => workloads.filter((w) => selects(selector, w.spec.template.metadata?.labels));
  const containerPorts = (w) => w.spec.template.spec.containers.flatMap((c) => c.ports ?? []);
  const where = (o) => `${overlay} ${o.kind}/${o.metadata.name}`;
  const configMap = byKind("ConfigMap")[0];
  const externalSecrets = new Map();

  for (const o of objects) {
    if (o.kind !== "Namespace" && !o.metadata.namespace) fail(where(o), "has no namespace");
  }

  for (const w of workloads) {
    const pod = w.spec.template.spec;
    const at = where(w);
    if (w.kind !== "Job" && !selects(w.spec.selector, w.spec.template.metadata?.labels)) fail(at, "selector does not match its pod template");
    if (pod.securityContext?.runAsNonRoot !== true) fail(at, "pod securityContext.runAsNonRoot must be true");
    if (pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") fail(at, "pod seccompProfile must be RuntimeDefault");
    if (pod.automountServiceAccountToken !== false) fail(at, "automountServiceAccountToken must be false (no RBAC is used)");
    const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      const cat = `${at} container ${c.name}`;
      const sc = c.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false) fail(cat, "allowPrivilegeEscalation must be false");
      if (sc.readOnlyRootFilesystem !== true) fail(cat, "readOnlyRootFilesystem must be true");
      if (sc.runAsNonRoot !== true && pod.securityContext?.runAsNonRoot !== true) fail(cat, "runAsNonRoot must be true");
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(cat, "capabilities must drop ALL");
      for (const kind of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (!c.resources?.[kind]?.[resource]) fail(cat, `resources.${kind}.${resource} is missing`);
        }
      }
      const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
      if (!tmp || !volumes.get(tmp.name)?.emptyDir) fail(cat, "needs an emptyDir mounted at /tmp");
      for (const m of c.volumeMounts ?? []) {
        const claimed = (w.spec.volumeClaimTemplates ?? []).some((t) => t.metadata.name === m.name);
        if (!volumes.has(m.name) && !claimed) fail(cat, `volumeMount ${m.name} has no volume`);
      }
      const portNames = new Set((c.ports ?? []).map((p) => p.name));
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const port = c[probe]?.httpGet?.port;
        if (typeof port === "string" && !portNames.has(port)) fail(cat, `${probe} uses port "${port}" that the container does not name`);
      }
      if (w.kind === "Deployment") {
        for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
          if (!c[probe]) fail(cat, `${probe} is missing`);
        }
      }
      // $(VAR) in env values and args must name an env var defined before it.
      const defined = [];
      for (const e of c.env ?? []) {
        for (const [, ref] of (e.value ?? "").matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
          if (!defined.includes(ref)) fail(cat, `env ${e.name} refers to $(${ref}) which is not defined before it`);
        }
        defined.push(e.name);
      }
      for (const arg of [...(c.command ?? []), ...(c.args ?? [])]) {
        for (const [, ref] of arg.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
          if (!defined.includes(ref)) fail(cat, `command/args refer to $(${ref}) which is not in env`);
        }
      }
      for (const ref of c.envFrom ?? []) {
        if (ref.configMapRef && !find("ConfigMap", ref.configMapRef.name)) fail(cat, `envFrom ConfigMap ${ref.configMapRef.name} does not exist`);
        if (ref.secretRef && !find("Secret", ref.secretRef.name)) externalSecrets.set(ref.secretRef.name, new Set(["(all keys)"]));
      }
      for (const e of c.env ?? []) {
        const cm = e.valueFrom?.configMapKeyRef;
        if (cm && !(find("ConfigMap", cm.name)?.data ?? {})[cm.key]) fail(cat, `env ${e.name}: ConfigMap ${cm.name} key ${cm.key} does not exist`);
        const s = e.valueFrom?.secretKeyRef;
        if (s) {
          const secret = find("Secret", s.name);
          if (!secret) {
            if (!externalSecrets.has(s.name)) externalSecrets.set(s.name, new Set());
            externalSecrets.get(s.name).add(s.key);
          } else if (!({ ...secret.data, ...secret.stringData })[s.key]) {
            fail(cat, `env ${e.name}: Secret ${s.name} has no key ${s.key}`);
          }
        }
      }
      // The grace period must cover the preStop pause plus the host's shutdown timeout.
      const shutdown = Number((c.env ?? []).find((e) => e.name === "shutdownTimeoutSeconds")?.value ?? 30);
      const pause = c.lifecycle?.preStop?.exec?.command?.[0] === "sleep" ? Number(c.lifecycle.preStop.exec.command[1]) : 0;
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (w.kind === "Deployment" && grace <= shutdown + pause) {
        fail(cat, `terminationGracePeriodSeconds ${grace} must exceed shutdownTimeoutSeconds ${shutdown} + preStop ${pause}`);
      }
    }
    if (w.kind === "StatefulSet" && !find("Service", w.spec.serviceName)) fail(at, `serviceName ${w.spec.serviceName} has no Service`);
  }

  for (const [name, keys] of externalSecrets) {
    notes.push(`${overlay}: Secret ${name} is not rendered: create it out of band with keys ${[...keys].sort().join(", ")}`);
  }

  // Orleans pod labels agree with the cluster configuration.
  for (const w of workloads.filter((w) => w.spec.template.metadata?.labels?.["orleans/serviceId"] !== undefined)) {
    const labels = w.spec.template.metadata.labels;
    if (labels["orleans/serviceId"] !== configMap?.data?.Orleans__ServiceId) fail(where(w), "orleans/serviceId label differs from Orleans__ServiceId");
    if (labels["orleans/clusterId"] !== configMap?.data?.Orleans__ClusterId) fail(where(w), "orleans/clusterId label differs from Orleans__ClusterId");
  }

  for (const s of byKind("Service")) {
    const pods = podsMatching({ matchLabels: s.spec.selector });
    if (pods.length === 0) fail(where(s), "selector matches no pods");
    for (const p of s.spec.ports) {
      if (typeof p.targetPort === "string" && !pods.every((w) => containerPorts(w).some((cp) => cp.name === p.targetPort))) {
        fail(where(s), `targetPort "${p.targetPort}" is not a named port of the selected pods`);
      }
    }
  }

  for (const i of byKind("Ingress")) {
    for (const rule of i.spec.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend.service;
        const service = find("Service", backend.name);
        if (!service) fail(where(i), `backend Service ${backend.name} does not exist`);
        else if (!service.spec.ports.some((p) => p.name === backend.port.name || p.port === backend.port.number)) {
          fail(where(i), `backend port ${JSON.stringify(backend.port)} is not a port of Service ${backend.name}`);
        }
      }
    }
  }

  for (const h of byKind("HorizontalPodAutoscaler")) {
    const target = find(h.spec.scaleTargetRef.kind, h.spec.scaleTargetRef.name);
    if (!target) fail(where(h), `scaleTargetRef ${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name} does not exist`);
    else if (target.spec.replicas !== undefined) fail(where(h), "its target sets spec.replicas, which would fight the autoscaler");
    const resources = (h.spec.metrics ?? []).filter((m) => m.type === "Resource").map((m) => m.resource.name).sort();
    if (resources.join() !== "cpu,memory") fail(where(h), `scales on [${resources}], expected cpu and memory`);
    if (h.spec.behavior?.scaleDown?.stabilizationWindowSeconds === undefined) fail(where(h), "behavior.scaleDown.stabilizationWindowSeconds is missing");
    if (h.spec.minReplicas > h.spec.maxReplicas) fail(where(h), "minReplicas exceeds maxReplicas");
  }

  for (const p of byKind("PodDisruptionBudget")) {
    if (podsMatching(p.spec.selector).length === 0) fail(where(p), "selector matches no pods");
  }

  for (const n of byKind("NetworkPolicy")) {
    if (!isEmptySelector(n.spec.podSelector) && podsMatching(n.spec.podSelector).length === 0) fail(where(n), "podSelector matches no pods");
    const portsOf = (pods) => new Set(pods.flatMap(containerPorts).map((p) => p.containerPort));
    const own = portsOf(podsMatching(n.spec.podSelector));
    for (const rule of n.spec.ingress ?? []) {
      for (const peer of rule.from ?? []) {
        if (peer.podSelector && !peer.namespaceSelector && podsMatching(peer.podSelector).length === 0) fail(where(n), "an ingress peer matches no pods");
      }
      for (const port of rule.ports ?? []) {
        if (!isEmptySelector(n.spec.podSelector) && !own.has(port.port)) fail(where(n), `ingress port ${port.port} is not a container port of the selected pods`);
      }
    }
    for (const rule of n.spec.egress ?? []) {
      for (const peer of rule.to ?? []) {
        if (!peer.podSelector || peer.namespaceSelector) continue;
        const targets = podsMatching(peer.podSelector);
        // Egress to self-hosted PostgreSQL/Redis may point at pods an overlay replaced with managed services.
        if (targets.length === 0) {
          notes.push(`${overlay}: NetworkPolicy/${n.metadata.name} egress to ${JSON.stringify(peer.podSelector.matchLabels)} matches no pods here`);
          continue;
        }
        for (const port of rule.ports ?? []) {
          if (!portsOf(targets).has(port.port)) fail(where(n), `egress port ${port.port} is not a container port of the destination pods`);
        }
      }
    }
  }
}

// --- run --------------------------------------------------------------------------------------------
function render(dir) {
  return execFileSync(kubectl, ["kustomize", dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

const overlaysDir = join(root, "k8s/overlays");
const overlays = readdirSync(overlaysDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
if (overlays.length === 0) fail("k8s/overlays", "no overlays found");
if (outDir) mkdirSync(outDir, { recursive: true });

for (const overlay of overlays) {
  let text;
  try {
    text = render(join(overlaysDir, overlay));
  } catch (error) {
    fail(overlay, `kubectl kustomize failed: ${error.stderr || error.message}`);
    continue;
  }
  const documents = parseAllDocuments(text);
  const objects = [];
  for (const doc of documents) {
    if (doc.errors.length) fail(overlay, `YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    const object = doc.toJS();
    if (object) objects.push(object);
  }
  for (const object of objects) {
    const at = `${overlay} ${object.kind}/${object.metadata?.name}`;
    for (const message of await schemaErrors(object)) fail(at, `schema: ${message}`);
    const strict = [];
    const model = modelName(object);
    if (!k8s[model]?.attributeTypeMap) strict.push(`no field map for ${model}`);
    else strictErrors(object, model, "", strict);
    for (const message of strict) fail(at, `strict: ${message}`);
  }
  checkReferences(overlay, objects);
  const kinds = {};
  for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
  const summary = Object.entries(kinds).sort().map(([k, n]) => `${k} ${n}`).join(", ");
  console.log(`${overlay}: ${objects.length} objects (${summary})`);
  if (outDir) writeFileSync(join(outDir, `${overlay}.json`), JSON.stringify(objects, null, 2));
}

const composeFile = join(root, "docker-compose.yml");
if (existsSync(composeFile)) {
  try {
    const compose = parseYaml(readFileSync(composeFile, "utf8"), { merge: true });
    console.log(`docker-compose.yml: ${Object.keys(compose.services ?? {}).length} services (${Object.keys(compose.services ?? {}).join(", ")})`);
    if (outDir) writeFileSync(join(outDir, "compose.json"), JSON.stringify(compose, null, 2));
  } catch (error) {
    fail("docker-compose.yml", error.message);
  }
}

for (const note of notes) console.log(`note: ${note}`);
if (errors.length) {
  for (const error of errors) console.error(`error: ${error}`);
  console.error(`${errors.length} error(s)`);
  process.exit(1);
}
console.log(`ok: ${overlays.length} overlay(s) valid`);
