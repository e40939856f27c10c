// What a workflow needs that cannot exist on one machine without Kubernetes or the internet: each need found
// excludes the workflow from the run, with the need as the printed reason.
import { standInFor } from './stand-ins/catalog';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ARTIFACT_REPOSITORIES: Readonly<Record<string, string>> = {
  s3: 'S3',
  gcs: 'GCS',
  artifactory: 'Artifactory',
  hdfs: 'HDFS',
  oss: 'Alibaba OSS',
  azure: 'Azure Blob',
};

const CONTAINER_KEYS = new Set(['container', 'script', 'containers', 'sidecars', 'initContainers']);

const LOCAL_URL = /^https?:\/\/(127\.0\.0\.1|localhost|\{\{)/;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'`)]+/;

/** Whether a `https?://…` in a command or URL field reaches beyond this machine. */
function externalUrl(text: string): string | undefined {
  const found = URL_IN_TEXT.exec(text)?.[0];
  return found !== undefined && !LOCAL_URL.test(found) ? found : undefined;
}

function walk(value: unknown, visit: (node: Json, key: string) => void, key = ''): void {
  if (Array.isArray(value)) for (const item of value) walk(item, visit, key);
  else if (isObject(value)) {
    visit(value, key);
    for (const [k, v] of Object.entries(value)) walk(v, visit, k);
  }
}

function claimTemplates(spec: Json): Set<string> {
  const names = new Set<string>();
  for (const claim of (spec.volumeClaimTemplates as unknown[] | undefined) ?? []) {
    const name = isObject(claim) && isObject(claim.metadata) ? claim.metadata.name : undefined;
    if (typeof name === 'string') names.add(name);
  }
  return names;
}

function commandText(container: Json): string {
  const parts = [container.command, container.args, container.source].flat();
  return parts.filter((p): p is string => typeof p === 'string').join(' ');
}

function imageNeeds(container: Json): string[] {
  const image = container.image;
  if (typeof image !== 'string' || image.includes('{{')) return [];
  const standIn = standInFor(image);
  if (typeof standIn === 'string') return [];
  return [standIn.reason];
}

/**
 * Reasons this workflow spec cannot run here (empty when it can): Kubernetes objects it reads but does not
 * create (ConfigMaps in `configMaps` exist: the corpus defines them), artifact repositories, plugins, the Kubernetes API, the internet, images without a stand-in.
 */
export function needsOf(spec: unknown, configMaps: ReadonlySet<string> = new Set()): string[] {
  if (!isObject(spec)) return [];
  const missingConfigMap = (name: unknown) => typeof name !== 'string' || !configMaps.has(name);
  const claims = claimTemplates(spec);
  const needs = new Set<string>();
  // A templated http URL gets its address from a parameter: those parameters' values count as URLs too.
  const templatedUrls = /"url":"\{\{/.test(JSON.stringify(spec));
  walk(spec, (node, key) => {
    if ((key === 'parameters' || key === 'arguments') && templatedUrls) {
      for (const field of ['value', 'default']) {
        const url = typeof node[field] === 'string' ? externalUrl(node[field]) : undefined;
        if (url) needs.add(`the internet (${url})`);
      }
    }
    if (key === 'templates' || key === 'inline') {
      if (isObject(node.resource)) needs.add('a resource template (the Kubernetes API)');
      if (node.plugin !== undefined) needs.add('an executor plugin');
      if (isObject(node.http) && typeof node.http.url === 'string') {
        const url = externalUrl(node.http.url);
        if (url) needs.add(`the internet (${url})`);
      }
    }
    for (const [field, name] of Object.entries(ARTIFACT_REPOSITORIES)) {
      if (isObject(node[field]) && (key === 'artifacts' || key === 'archiveLocation' || key === 'artifact'))
        needs.add(`an artifact repository (${name})`);
    }
    if (key === 'artifacts' || key === 'artifact') {
      if (isObject(node.http) && typeof node.http.url === 'string') {
        const url = externalUrl(node.http.url);
        if (url) needs.add(`the internet (${url})`);
      }
      if (isObject(node.git) && typeof node.git.repo === 'string' && !node.git.repo.startsWith('file:'))
        needs.add(`the internet (git ${node.git.repo})`);
    }
    if (node.artifactRepositoryRef !== undefined) needs.add('an artifact repository ConfigMap');
    if (key === 'volumes') {
      const claim = isObject(node.persistentVolumeClaim) ? node.persistentVolumeClaim.claimName : undefined;
      if (typeof claim === 'string' && !claims.has(claim))
        needs.add(`an existing PersistentVolumeClaim (${claim})`);
      if (
        isObject(node.configMap) &&
        node.configMap.optional !== true &&
        missingConfigMap(node.configMap.name)
      )
        needs.add(`an existing ConfigMap (${String(node.configMap.name)})`);
      if (isObject(node.secret)) needs.add(`an existing Secret (${String(node.secret.secretName)})`);
      if (isObject(node.hostPath)) needs.add(`a hostPath volume (${String(node.hostPath.path)})`);
      if (isObject(node.projected) || isObject(node.downwardAPI)) needs.add('a projected volume');
    }
    if (isObject(node.secretKeyRef)) needs.add(`an existing Secret (${String(node.secretKeyRef.name)})`);
    if (isObject(node.secretRef)) needs.add(`an existing Secret (${String(node.secretRef.name)})`);
    if (isObject(node.configMapRef) && missingConfigMap(node.configMapRef.name))
      needs.add(`an existing ConfigMap (${String(node.configMapRef.name)})`);
    if (
      isObject(node.configMapKeyRef) &&
      key !== 'semaphore' &&
      key !== 'semaphores' &&
      !('default' in node) &&
      missingConfigMap(node.configMapKeyRef.name)
    )
      needs.add(`an existing ConfigMap (${String(node.configMapKeyRef.name)})`);
    if (CONTAINER_KEYS.has(key)) {
      for (const need of imageNeeds(node)) needs.add(need);
      const text = commandText(node);
      const url = externalUrl(text);
      if (url) needs.add(`the internet (${url})`);
      if (/\bkubectl\b/.test(text)) needs.add('kubectl (the Kubernetes API)');
    }
  });
  return [...needs];
}
