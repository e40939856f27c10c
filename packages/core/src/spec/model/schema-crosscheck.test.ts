// Checks the Kubernetes and Argo types in k8s/, artifact-locations.ts and metrics.ts against Argo's JSON
// schema (field names, required fields, scalar kinds), decodes every YAML file of the conformance corpus
// through them, and checks a few hand-written snippets (those run without the corpus).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../../diagnostics/diagnostic';
import { CORPUS_DIR, yamlFiles } from '../../testing/corpus';
import { decodeObject } from '../schema/decode';
import type { ObjectSchema, Schema } from '../schema/schema';
import { SourceMap } from '../source-map';
import { parseYaml, type YamlDocument } from '../yaml/parse-yaml';
import * as artifactLocations from './artifact-locations';
import * as k8s from './k8s';
import * as metrics from './metrics';

const CONFORMANCE = CORPUS_DIR;
const SCHEMA_JSON = join(CONFORMANCE, 'schema.json');
const corpusSkip = existsSync(SCHEMA_JSON) ? {} : { skip: 'conformance corpus not present' };

const CORE = 'io.k8s.api.core.v1.';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
const ARGO = 'io.argoproj.workflow.v1alpha1.';

/** Our object schema name → the definition in Argo's schema.json it models. */
const DEFINITION_OF: Readonly<Record<string, string>> = {
  // meta/v1
  ObjectMeta: `${META}ObjectMeta`,
  OwnerReference: `${META}OwnerReference`,
  ManagedFieldsEntry: `${META}ManagedFieldsEntry`,
  LabelSelector: `${META}LabelSelector`,
  LabelSelectorRequirement: `${META}LabelSelectorRequirement`,
  // policy/v1
  PodDisruptionBudgetSpec: 'io.k8s.api.policy.v1.PodDisruptionBudgetSpec',
  // core/v1
  ...Object.fromEntries(
    [
      'AWSElasticBlockStoreVolumeSource',
      'Affinity',
      'AppArmorProfile',
      'AzureDiskVolumeSource',
      'AzureFileVolumeSource',
      'CSIVolumeSource',
      'Capabilities',
      'CephFSVolumeSource',
      'CinderVolumeSource',
      'ClusterTrustBundleProjection',
      'ConfigMapEnvSource',
      'ConfigMapKeySelector',
      'ConfigMapProjection',
      'ConfigMapVolumeSource',
      'Container',
      'ContainerPort',
      'ContainerResizePolicy',
      'ContainerRestartRule',
      'ContainerRestartRuleOnExitCodes',
      'DownwardAPIProjection',
      'DownwardAPIVolumeFile',
      'DownwardAPIVolumeSource',
      'EmptyDirVolumeSource',
      'EnvFromSource',
      'EnvVar',
      'EnvVarSource',
      'EphemeralVolumeSource',
      'ExecAction',
      'FCVolumeSource',
      'FileKeySelector',
      'FlexVolumeSource',
      'FlockerVolumeSource',
      'GCEPersistentDiskVolumeSource',
      'GRPCAction',
      'GitRepoVolumeSource',
      'GlusterfsVolumeSource',
      'HTTPGetAction',
      'HTTPHeader',
      'HostAlias',
      'HostPathVolumeSource',
      'ISCSIVolumeSource',
      'ImageVolumeSource',
      'KeyToPath',
      'Lifecycle',
      'LifecycleHandler',
      'LocalObjectReference',
      'ModifyVolumeStatus',
      'NFSVolumeSource',
      'NodeAffinity',
      'NodeSelector',
      'NodeSelectorRequirement',
      'NodeSelectorTerm',
      'ObjectFieldSelector',
      'PersistentVolumeClaim',
      'PersistentVolumeClaimCondition',
      'PersistentVolumeClaimSpec',
      'PersistentVolumeClaimStatus',
      'PersistentVolumeClaimTemplate',
      'PersistentVolumeClaimVolumeSource',
      'PhotonPersistentDiskVolumeSource',
      'PodAffinity',
      'PodAffinityTerm',
      'PodAntiAffinity',
      'PodCertificateProjection',
      'PodDNSConfig',
      'PodDNSConfigOption',
      'PodResourceClaim',
      'PodSecurityContext',
      'PortworxVolumeSource',
      'PreferredSchedulingTerm',
      'Probe',
      'ProjectedVolumeSource',
      'QuobyteVolumeSource',
      'RBDVolumeSource',
      'ResourceClaim',
      'ResourceFieldSelector',
      'ResourceRequirements',
      'SELinuxOptions',
      'ScaleIOVolumeSource',
      'SeccompProfile',
      'SecretEnvSource',
      'SecretKeySelector',
      'SecretProjection',
      'SecretVolumeSource',
      'SecurityContext',
      'ServiceAccountTokenProjection',
      'SleepAction',
      'StorageOSVolumeSource',
      'Sysctl',
      'TCPSocketAction',
      'Toleration',
      'TypedLocalObjectReference',
      'TypedObjectReference',
      'Volume',
      'VolumeDevice',
      'VolumeMount',
      'VolumeProjection',
      'VolumeResourceRequirements',
      'VsphereVirtualDiskVolumeSource',
      'WeightedPodAffinityTerm',
      'WindowsSecurityContextOptions',
    ].map((name) => [name, `${CORE}${name}`]),
  ),
  // Argo v1alpha1
  ...Object.fromEntries(
    [
      'ArchiveStrategy',
      'ArtifactGC',
      'ArtifactLocation',
      'ArtifactoryArtifact',
      'AzureArtifact',
      'BasicAuth',
      'ClientCertAuth',
      'Counter',
      'CreateS3BucketOptions',
      'GCSArtifact',
      'Gauge',
      'GitArtifact',
      'HDFSArtifact',
      'HTTPArtifact',
      'HTTPAuth',
      'Header',
      'Histogram',
      'Metadata',
      'MetricLabel',
      'Metrics',
      'NoneStrategy',
      'OAuth2Auth',
      'OAuth2EndpointParam',
      'OSSArtifact',
      'OSSLifecycleRule',
      'PluginArtifact',
      'Prometheus',
      'RawArtifact',
      'S3Artifact',
      'S3EncryptionOptions',
      'TarStrategy',
      'ZipStrategy',
    ].map((name) => [name, `${ARGO}${name}`]),
  ),
};

/** Fields of a definition we deliberately do not accept, with the reason. None today. */
const OMITTED_FIELDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {};

/** Required lists that deliberately differ from schema.json, with the reason. */
const REQUIRED_DEVIATIONS: Readonly<
  Record<string, { readonly notRequired: readonly string[]; reason: string }>
> = {
  Container: {
    notRequired: ['image'],
    reason:
      '`templateDefaults.container` supplies the image for templates that omit it ' +
      '(e2e/functional/template-default-image.yaml); Kubernetes marks it optional too',
  },
};

/** The roots named in the brief: everything reachable from them must be mapped and checked. */
const ROOTS: readonly ObjectSchema<unknown>[] = [
  k8s.containerSchema,
  k8s.volumeSchema,
  k8s.persistentVolumeClaimSchema,
  k8s.affinitySchema,
  artifactLocations.artifactLocationSchema,
  metrics.metricsSchema,
] as ObjectSchema<unknown>[];

interface JsonProperty {
  readonly $ref?: string;
  readonly type?: string;
  readonly items?: JsonProperty;
  readonly additionalProperties?: JsonProperty | boolean;
}
interface JsonDefinition extends JsonProperty {
  readonly properties?: Readonly<Record<string, JsonProperty>>;
  readonly required?: readonly string[];
}

function loadDefinitions(): Readonly<Record<string, JsonDefinition>> {
  const parsed = JSON.parse(readFileSync(SCHEMA_JSON, 'utf8')) as {
    definitions: Record<string, JsonDefinition>;
  };
  return parsed.definitions;
}

function resolve(schema: Schema): Exclude<Schema, { kind: 'lazy' }> {
  let current = schema;
  while (current.kind === 'lazy') current = current.get();
  return current;
}

function isObjectSchema(value: unknown): value is ObjectSchema<unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'object';
}

/** Every object schema reachable from the roots and from the exports of our three modules, by name. */
function collectObjectSchemas(): Map<string, ObjectSchema<unknown>> {
  const found = new Map<string, ObjectSchema<unknown>>();
  const visit = (schema: Schema): void => {
    const s = resolve(schema);
    if (s.kind === 'list') visit(s.item);
    else if (s.kind === 'map') visit(s.value);
    else if (s.kind === 'object') {
      const seen = found.get(s.name);
      if (seen === s) return;
      assert.equal(seen, undefined, `two different object schemas are named ${s.name}`);
      found.set(s.name, s);
      for (const field of Object.values(s.fields)) visit(field);
    }
  };
  for (const root of ROOTS) visit(root);
  for (const module of [k8s, artifactLocations, metrics]) {
    for (const value of Object.values(module)) if (isObjectSchema(value)) visit(value);
  }
  return found;
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** Why `schema` does not fit JSON property `prop`, or undefined when it does. */
function kindMismatch(
  schema: Schema,
  prop: JsonProperty,
  defs: Readonly<Record<string, JsonDefinition>>,
): string | undefined {
  const s = resolve(schema);
  if (prop.$ref !== undefined) {
    const target = refName(prop.$ref);
    if (target === 'io.k8s.apimachinery.pkg.api.resource.Quantity') {
      return s.kind === 'anyString' ? undefined : `a Quantity needs anyString, found ${s.kind}`;
    }
    if (target === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') {
      return s.kind === 'intOrString' ? undefined : `an IntOrString needs intOrString, found ${s.kind}`;
    }
    if (target === `${META}Time`)
      return s.kind === 'string' ? undefined : `a Time needs str, found ${s.kind}`;
    if (target === `${META}FieldsV1`)
      return s.kind === 'any' ? undefined : `FieldsV1 is free-form, found ${s.kind}`;
    const def = defs[target];
    if (def?.type === 'number')
      return s.kind === 'number' ? undefined : `${target} is a number, found ${s.kind}`;
    if (s.kind !== 'object') return `${target} needs an object schema, found ${s.kind}`;
    return DEFINITION_OF[s.name] === target ? undefined : `${target} is modelled by ${s.name}`;
  }
  switch (prop.type) {
    case 'array':
      if (s.kind !== 'list') return `an array needs list(…), found ${s.kind}`;
      return prop.items ? kindMismatch(s.item, prop.items, defs) : undefined;
    case 'object':
      if (s.kind !== 'map') return `a map needs map(…), found ${s.kind}`;
      return typeof prop.additionalProperties === 'object'
        ? kindMismatch(s.value, prop.additionalProperties, defs)
        : undefined;
    case 'string':
      return s.kind === 'string' || s.kind === 'enum'
        ? undefined
        : `a string needs str or oneOf, found ${s.kind}`;
    case 'integer':
      return s.kind === 'int' ? undefined : `an integer needs int, found ${s.kind}`;
    case 'number':
      return s.kind === 'number' ? undefined : `a number needs num, found ${s.kind}`;
    case 'boolean':
      return s.kind === 'bool' ? undefined : `a boolean needs bool, found ${s.kind}`;
    default:
      return `unhandled JSON type ${String(prop.type)}`;
  }
}

describe('schemas match Argo schema.json', corpusSkip, () => {
  const defs = corpusSkip.skip === undefined ? loadDefinitions() : {};
  const schemas = collectObjectSchemas();

  test('every object schema is mapped to an existing definition', () => {
    for (const name of schemas.keys()) {
      const key = DEFINITION_OF[name];
      assert.ok(key, `${name} has no entry in DEFINITION_OF`);
      assert.ok(defs[key], `${name}: definition ${key} is not in schema.json`);
    }
    // The table lists nothing we do not define.
    for (const name of Object.keys(DEFINITION_OF))
      assert.ok(schemas.has(name), `${name} is mapped but not defined`);
  });

  for (const [name, schema] of schemas) {
    test(`${name}: fields, required fields and kinds`, () => {
      const def = defs[DEFINITION_OF[name] ?? ''];
      assert.ok(def, `no definition for ${name}`);
      const props = def.properties ?? {};
      const omitted = OMITTED_FIELDS[name] ?? {};
      // (a) every field we allow exists in the definition.
      const extra = Object.keys(schema.fields).filter((f) => !(f in props));
      assert.deepEqual(extra, [], `${name} allows fields schema.json does not have`);
      // (b) every property of the definition is ours, unless deliberately omitted.
      const missing = Object.keys(props).filter((f) => !(f in schema.fields) && !(f in omitted));
      assert.deepEqual(missing, [], `${name} is missing fields of schema.json`);
      // (c) required lists agree, up to the listed deviations.
      const relaxed = new Set(REQUIRED_DEVIATIONS[name]?.notRequired ?? []);
      const expected = (def.required ?? []).filter((f) => !relaxed.has(f)).sort();
      assert.deepEqual([...schema.required].sort(), expected, `${name}: required fields differ`);
      // Scalar kinds, lists, maps and nested types agree.
      for (const [field, fieldSchema] of Object.entries(schema.fields)) {
        const prop = props[field];
        if (!prop) continue;
        const why = kindMismatch(fieldSchema, prop, defs);
        assert.equal(why, undefined, `${name}.${field}: ${why}`);
      }
    });
  }

  test('deliberate deviations refer to real fields', () => {
    for (const [name, { notRequired }] of Object.entries(REQUIRED_DEVIATIONS)) {
      const def = defs[DEFINITION_OF[name] ?? ''];
      for (const field of notRequired)
        assert.ok(def?.required?.includes(field), `${name}.${field} is not required`);
    }
  });

  test('containerFields is the Kubernetes part of Argo container-like types', () => {
    const argoOnly: Record<string, readonly string[]> = {
      ScriptTemplate: ['source'],
      UserContainer: ['mirrorVolumeMounts'],
      ContainerNode: ['dependencies'],
    };
    const fields = Object.keys(k8s.containerFields).sort();
    for (const [name, extras] of Object.entries(argoOnly)) {
      const props = Object.keys(defs[`${ARGO}${name}`]?.properties ?? {});
      assert.deepEqual(props.filter((p) => !extras.includes(p)).sort(), fields, name);
    }
  });

  test('artifactLocationFields are the driver fields of Artifact and ArtifactLocation', () => {
    const drivers = Object.keys(artifactLocations.artifactLocationFields);
    for (const name of ['Artifact', 'ArtifactLocation']) {
      const props = defs[`${ARGO}${name}`]?.properties ?? {};
      for (const driver of drivers) {
        const prop = props[driver];
        assert.ok(prop, `${name}.${driver}`);
        const schema =
          artifactLocations.artifactLocationFields[driver as keyof artifactLocations.ArtifactDrivers];
        assert.equal(kindMismatch(schema, prop, defs), undefined, `${name}.${driver}`);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// The corpus: walk each document along schema.json and decode, with our schemas, every value whose
// definition one of them models.

const TOP_LEVEL: Readonly<Record<string, string>> = {
  Workflow: `${ARGO}Workflow`,
  WorkflowTemplate: `${ARGO}WorkflowTemplate`,
  ClusterWorkflowTemplate: `${ARGO}ClusterWorkflowTemplate`,
  CronWorkflow: `${ARGO}CronWorkflow`,
  WorkflowEventBinding: `${ARGO}WorkflowEventBinding`,
  PersistentVolumeClaim: `${CORE}PersistentVolumeClaim`,
};

/**
 * Files that are meant to be rejected, and the error codes our schemas give for them. The two templates are
 * invalid test inputs of Argo's e2e suite: their `volumeMounts` entry names a missing volume and has no
 * `mountPath`, which Kubernetes requires as well.
 */
const EXPECTED_FAILURES: Readonly<Record<string, readonly string[]>> = {
  'e2e/lintfail/disallow-unknown.yaml': ['SLIPWAY_SPEC_UNKNOWN_FIELD'],
  'e2e/testdata/workflow-template-invalid-entrypoint.yaml': ['SLIPWAY_SPEC_REQUIRED'],
  'e2e/testdata/workflow-template-invalid-onexit.yaml': ['SLIPWAY_SPEC_REQUIRED'],
};

interface Walk {
  readonly doc: YamlDocument;
  readonly defs: Readonly<Record<string, JsonDefinition>>;
  readonly schemaOf: ReadonlyMap<string, ObjectSchema<unknown>>;
  readonly diagnostics: Diagnostic[];
  decoded: number;
}

function walk(node: Node | null | undefined, prop: JsonProperty, w: Walk, depth: number): void {
  let current = node;
  if (current && isAlias(current))
    current = w.doc.document ? (current.resolve(w.doc.document) as Node | undefined) : undefined;
  if (!current || depth > 100) return;
  if (prop.$ref !== undefined) {
    const target = refName(prop.$ref);
    const schema = w.schemaOf.get(target);
    if (schema) {
      const ctx = { ...w.doc, sourceMap: new SourceMap(), diagnostics: w.diagnostics };
      decodeObject(current, schema, ctx);
      w.decoded++;
      return;
    }
    const def = w.defs[target];
    if (def) walk(current, def, w, depth + 1);
    return;
  }
  const { properties } = prop as JsonDefinition;
  if (properties && isMap(current)) {
    for (const pair of current.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const sub = key === undefined ? undefined : properties[key];
      if (sub) walk(pair.value as Node | null, sub, w, depth + 1);
    }
  } else if (prop.type === 'array' && prop.items && isSeq(current)) {
    for (const item of current.items) walk(item as Node | null, prop.items, w, depth + 1);
  } else if (typeof prop.additionalProperties === 'object' && isMap(current)) {
    for (const pair of current.items)
      walk(pair.value as Node | null, prop.additionalProperties, w, depth + 1);
  }
}

describe('the conformance corpus decodes through these schemas', corpusSkip, () => {
  const defs = corpusSkip.skip === undefined ? loadDefinitions() : {};
  const schemaOf = new Map<string, ObjectSchema<unknown>>();
  for (const [name, schema] of collectObjectSchemas()) {
    const key = DEFINITION_OF[name];
    if (key) schemaOf.set(key, schema);
  }
  const files = corpusSkip.skip === undefined ? yamlFiles(CONFORMANCE) : [];
  let decoded = 0;

  for (const file of files) {
    const name = relative(CONFORMANCE, file);
    test(name, () => {
      const parsed = parseYaml(name, readFileSync(file, 'utf8'));
      const diagnostics: Diagnostic[] = [];
      for (const doc of parsed.documents) {
        const contents = doc.contents;
        if (!isMap(contents)) continue;
        const kind = contents.get('kind');
        const root = typeof kind === 'string' ? TOP_LEVEL[kind] : undefined;
        if (!root) continue;
        const w: Walk = { doc, defs, schemaOf, diagnostics, decoded: 0 };
        walk(contents, { $ref: `#/definitions/${root}` }, w, 0);
        decoded += w.decoded;
      }
      // Warnings (a duplicate key) do not stop a file from loading.
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const expected = EXPECTED_FAILURES[name];
      if (expected) {
        assert.deepEqual(
          errors.map((d) => d.code),
          expected,
        );
      } else {
        const shown = errors.map(
          (d) => `${d.range.start.line}:${d.range.start.col} ${d.message} [${d.code}]`,
        );
        assert.deepEqual(shown, []);
      }
    });
  }

  test('the walk reached our schemas', () => {
    assert.ok(decoded > files.length, `only ${decoded} values decoded in ${files.length} files`);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hand-written snippets: these run without the corpus.

function decode<T>(
  text: string,
  schema: ObjectSchema<T>,
): { value: T | undefined; diagnostics: Diagnostic[] } {
  const parsed = parseYaml('snippet.yaml', text);
  assert.deepEqual(parsed.diagnostics, []);
  const doc = parsed.documents[0];
  assert.ok(doc);
  const diagnostics: Diagnostic[] = [];
  const value = decodeObject(doc.contents, schema, {
    ...doc,
    sourceMap: new SourceMap(),
    diagnostics,
  });
  return { value, diagnostics };
}

describe('decoding snippets', () => {
  test('a full container with probes, resources and a security context decodes cleanly', () => {
    const { value, diagnostics } = decode(
      `
name: main
image: golang:1.22
imagePullPolicy: IfNotPresent
command: [sh, -c]
args: ["go test ./..."]
workingDir: /src
env:
  - name: GOFLAGS
    value: "-mod=mod"
  - name: POD_NAME
    valueFrom:
      fieldRef: {fieldPath: metadata.name}
  - name: TOKEN
    valueFrom:
      secretKeyRef: {name: creds, key: token, optional: true}
envFrom:
  - configMapRef: {name: settings}
    prefix: CFG_
ports:
  - {name: http, containerPort: 8080, protocol: TCP}
resources:
  requests: {cpu: 200m, memory: 1Gi, ephemeral-storage: 500Mi}
  limits: {cpu: 1, memory: 2Gi, nvidia.com/gpu: 0.5}
readinessProbe:
  httpGet: {path: /healthz, port: http, scheme: HTTP, httpHeaders: [{name: X-Probe, value: "1"}]}
  initialDelaySeconds: 5
  periodSeconds: 10
livenessProbe:
  tcpSocket: {port: 8080}
  failureThreshold: 3
startupProbe:
  exec: {command: [cat, /tmp/ready]}
lifecycle:
  preStop:
    sleep: {seconds: 5}
securityContext:
  runAsUser: 1000
  runAsNonRoot: true
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities: {drop: [ALL]}
  seccompProfile: {type: RuntimeDefault}
volumeMounts:
  - {name: work, mountPath: /src, subPath: repo, readOnly: false}
terminationMessagePolicy: FallbackToLogsOnError
`,
      k8s.containerSchema,
    );
    assert.deepEqual(diagnostics, []);
    assert.equal(value?.resources?.limits?.cpu, '1');
    assert.equal(value?.resources?.requests?.cpu, '200m');
    assert.equal(value?.readinessProbe?.httpGet?.port, 'http');
    assert.equal(value?.livenessProbe?.tcpSocket?.port, 8080);
  });

  test('an unknown field in a securityContext is reported with a suggestion', () => {
    const { diagnostics } = decode(
      'image: alpine\nsecurityContext:\n  runAsNonroot: true\n  runAsUser: 1000\n',
      k8s.containerSchema,
    );
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d?.code, 'SLIPWAY_SPEC_UNKNOWN_FIELD');
    assert.match(d?.message ?? '', /runAsNonroot/);
    assert.match(d?.message ?? '', /SecurityContext/);
    assert.equal(d?.suggestion, 'did you mean `runAsNonRoot`?');
    assert.equal(d?.range.start.line, 3);
  });

  test('a number as an env var value is a type error', () => {
    const { diagnostics } = decode(
      'image: alpine\nenv:\n  - name: PORT\n    value: 8080\n',
      k8s.containerSchema,
    );
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['SLIPWAY_SPEC_TYPE'],
    );
    assert.match(diagnostics[0]?.suggestion ?? '', /quote it/);
  });

  test('an unknown imagePullPolicy is an enum error; a templated one passes', () => {
    const bad = decode('image: alpine\nimagePullPolicy: Sometimes\n', k8s.containerSchema);
    assert.deepEqual(
      bad.diagnostics.map((d) => d.code),
      ['SLIPWAY_SPEC_ENUM'],
    );
    const templated = decode(
      'image: alpine\nimagePullPolicy: "{{inputs.parameters.policy}}"\n',
      k8s.containerSchema,
    );
    assert.deepEqual(templated.diagnostics, []);
  });

  test('a volume with a persistentVolumeClaim decodes', () => {
    const { value, diagnostics } = decode(
      'name: workdir\npersistentVolumeClaim:\n  claimName: my-existing-volume\n  readOnly: true\n',
      k8s.volumeSchema,
    );
    assert.deepEqual(diagnostics, []);
    assert.equal(value?.persistentVolumeClaim?.claimName, 'my-existing-volume');
  });

  test('a volume source missing a required field is reported', () => {
    const { diagnostics } = decode(
      'name: workdir\npersistentVolumeClaim:\n  readOnly: true\n',
      k8s.volumeSchema,
    );
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['SLIPWAY_SPEC_REQUIRED'],
    );
  });

  test('affinity, artifact locations and metrics decode', () => {
    const affinity = decode(
      `
nodeAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    nodeSelectorTerms:
      - matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        labelSelector: {matchLabels: {app: ci}}
        topologyKey: kubernetes.io/hostname
`,
      k8s.affinitySchema,
    );
    assert.deepEqual(affinity.diagnostics, []);
    const location = decode(
      `
archiveLogs: true
s3:
  bucket: my-bucket
  endpoint: minio:9000
  insecure: true
  key: "{{workflow.name}}/logs"
  createBucketIfNotPresent: {objectLocking: false}
  accessKeySecret: {name: my-minio-cred, key: accesskey}
`,
      artifactLocations.artifactLocationSchema,
    );
    assert.deepEqual(location.diagnostics, []);
    const metric = decode(
      `
prometheus:
  - name: duration
    help: Duration of the step
    labels: [{key: team, value: ci}]
    histogram: {value: "{{duration}}", buckets: [0.5, 1, 5]}
  - name: result
    help: Result
    when: "{{status}} == Failed"
    gauge: {value: "1", realtime: false, operation: Add}
`,
      metrics.metricsSchema,
    );
    assert.deepEqual(metric.diagnostics, []);
  });
});
