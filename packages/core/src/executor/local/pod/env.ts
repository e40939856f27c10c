import type { Container, EnvVar, ObjectFieldSelector } from '../../../spec/model';
import { PodSpecError } from '../errors';
import { expandVars } from './expand-vars';

/** Looks up a Secret or ConfigMap by name: its keys and values, or undefined when there is none. */
export type KeyValueLookup = (name: string) => Promise<Readonly<Record<string, string>> | undefined>;

/** What `fieldRef` and the lookups of a pod's environment can see. */
export interface PodEnvContext {
  readonly podName: string;
  readonly namespace: string;
  readonly podUid: string;
  readonly nodeName: string;
  readonly serviceAccountName?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly secrets?: KeyValueLookup;
  readonly configMaps?: KeyValueLookup;
}

/** The PATH Docker and containerd give containers whose image sets none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const SUBSCRIPT = /^metadata\.(labels|annotations)\['([^']*)'\]$/;

function fieldValue(selector: ObjectFieldSelector, ctx: PodEnvContext): string {
  const path = selector.fieldPath;
  const subscript = SUBSCRIPT.exec(path);
  if (subscript) {
    const map = subscript[1] === 'labels' ? ctx.labels : ctx.annotations;
    return map[subscript[2] ?? ''] ?? '';
  }
  switch (path) {
    case 'metadata.name':
      return ctx.podName;
    case 'metadata.namespace':
      return ctx.namespace;
    case 'metadata.uid':
      return ctx.podUid;
    case 'spec.nodeName':
      return ctx.nodeName;
    case 'spec.serviceAccountName':
      return ctx.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.podIPs':
    case 'status.hostIP':
    case 'status.hostIPs':
      return '127.0.0.1';
    default:
      throw new PodSpecError(
        `fieldRef \`${path}\` is not supported locally; use metadata.name, metadata.namespace, metadata.uid, metadata.labels['…'], metadata.annotations['…'], spec.nodeName, spec.serviceAccountName or status.podIP`,
      );
  }
}

async function lookupKey(
  kind: 'Secret' | 'ConfigMap',
  lookup: KeyValueLookup | undefined,
  name: string,
  key: string,
  optional: boolean,
): Promise<string | undefined> {
  const data = lookup ? await lookup(name) : undefined;
  const value = data?.[key];
  if (value !== undefined || optional) return value;
  if (!data) {
    throw new PodSpecError(
      `${kind} \`${name}\` does not exist; create it (slipway ${kind.toLowerCase()} create ${name} …) or mark the reference optional`,
    );
  }
  throw new PodSpecError(`${kind} \`${name}\` has no key \`${key}\`; add it or mark the reference optional`);
}

async function envVarValue(variable: EnvVar, ctx: PodEnvContext): Promise<string | undefined> {
  const from = variable.valueFrom;
  if (!from) return variable.value ?? '';
  if (from.fieldRef) return fieldValue(from.fieldRef, ctx);
  if (from.secretKeyRef) {
    const { name = '', key, optional = false } = from.secretKeyRef;
    return lookupKey('Secret', ctx.secrets, name, key, optional);
  }
  if (from.configMapKeyRef) {
    const { name = '', key, optional = false } = from.configMapKeyRef;
    return lookupKey('ConfigMap', ctx.configMaps, name, key, optional);
  }
  throw new PodSpecError(
    `env \`${variable.name}\`: only value, fieldRef, secretKeyRef and configMapKeyRef are supported locally`,
  );
}

/**
 * A container's environment, in Kubernetes' order of precedence: the image's `Env`, then `envFrom` sources,
 * then `env` (later wins); `$(VAR)` in `env` values refers to variables defined before. PATH defaults as in
 * Docker and HOSTNAME is the pod name.
 */
export async function buildEnv(
  imageEnv: readonly string[],
  container: Pick<Container, 'env' | 'envFrom'>,
  ctx: PodEnvContext,
): Promise<Map<string, string>> {
  const env = new Map<string, string>();
  for (const entry of imageEnv) {
    const eq = entry.indexOf('=');
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    const lookup = source.configMapRef ? ctx.configMaps : ctx.secrets;
    if (!ref) continue;
    const data = lookup ? await lookup(ref.name ?? '') : undefined;
    if (!data) {
      if (ref.optional) continue;
      throw new PodSpecError(
        `envFrom: ${kind} \`${ref.name ?? ''}\` does not exist; create it or mark it optional`,
      );
    }
    for (const [key, value] of Object.entries(data)) env.set(`${source.prefix ?? ''}${key}`, value);
  }
  for (const variable of container.env ?? []) {
    const value = await envVarValue(variable, ctx);
    if (value !== undefined)
      env.set(
        variable.name,
        expandVars(value, (name) => env.get(name)),
      );
  }
  if (!env.has('PATH')) env.set('PATH', DEFAULT_PATH);
  if (!env.has('HOSTNAME')) env.set('HOSTNAME', ctx.podName);
  return env;
}
