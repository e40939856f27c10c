import type { PodExit } from '../../../engine/contract';
import type { HTTPTemplate } from '../../../spec/model';
import { PodSpecError } from '../errors';
import type { KeyValueLookup } from '../pod/env';

/** The exit of an http template: the body as `result`, plus the response's status code for the engine. */
export interface HttpPodOutcome extends Omit<PodExit, 'nodeId' | 'startedAt' | 'finishedAt'> {
  /** The response status code (the engine evaluates `successCondition` with it). */
  readonly statusCode?: number;
}

function secretRef(value: unknown): { name: string; key: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, key } = value as { name?: unknown; key?: unknown };
  return typeof key === 'string' ? { name: typeof name === 'string' ? name : '', key } : undefined;
}

async function headers(
  http: HTTPTemplate,
  secrets: KeyValueLookup | undefined,
): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const header of http.headers ?? []) {
    const ref = secretRef(header.valueFrom?.secretKeyRef);
    if (!ref) {
      result[header.name] = header.value ?? '';
      continue;
    }
    const value = (secrets ? await secrets(ref.name) : undefined)?.[ref.key];
    if (value === undefined)
      throw new PodSpecError(
        `http header \`${header.name}\`: Secret \`${ref.name}\` has no key \`${ref.key}\``,
      );
    result[header.name] = value;
  }
  return result;
}

/**
 * Runs an http template from Slipway itself, as Argo's agent does: the request is made with `fetch`, the body
 * becomes `result`, and the exit code is 0 for a 2xx status, 1 otherwise (`successCondition`, when given, is
 * for the engine to evaluate with `statusCode`). A request that cannot be made is a system error.
 */
export async function runHttpTemplate(
  http: HTTPTemplate,
  secrets: KeyValueLookup | undefined,
  killed: Promise<never>,
): Promise<HttpPodOutcome> {
  const abort = new AbortController();
  killed.catch((reason: unknown) => abort.abort(reason));
  const timeout = http.timeoutSeconds ? AbortSignal.timeout(http.timeoutSeconds * 1000) : undefined;
  const signal = timeout ? AbortSignal.any([abort.signal, timeout]) : abort.signal;
  const body = http.body ?? (http.bodyFrom?.bytes ? Buffer.from(http.bodyFrom.bytes, 'base64') : undefined);
  const response = await fetch(http.url, {
    method: http.method ?? 'GET',
    headers: await headers(http, secrets),
    ...(body !== undefined ? { body } : {}),
    signal,
  });
  const text = await response.text();
  return { exitCode: response.ok ? 0 : 1, result: text, statusCode: response.status };
}
