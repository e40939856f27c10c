import {
  describeTarget,
  RegistryAuthError,
  RegistryError,
  type RegistryErrorContext,
  type RegistryErrorDetail,
} from './registry-error';
import { isRetryableStatus, parseRetryAfter, RetryableFailure } from './retry';

const MAX_ERROR_BODY = 64 * 1024;

/** Reads at most 64 KiB of an error response's body; never fails. */
export async function readErrorBody(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.length > MAX_ERROR_BODY ? text.slice(0, MAX_ERROR_BODY) : text;
  } catch {
    return '';
  }
}

/** The `errors` of a distribution-spec error body; empty when the body is something else. */
export function parseErrorBody(body: string): RegistryErrorDetail[] {
  try {
    const parsed: unknown = JSON.parse(body);
    const list = (parsed as { errors?: unknown })?.errors;
    if (!Array.isArray(list)) return [];
    return list.flatMap((entry: unknown) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { code, message, detail } = entry as { code?: unknown; message?: unknown; detail?: unknown };
      return [
        {
          code: typeof code === 'string' ? code : 'UNKNOWN',
          message: typeof message === 'string' ? message : '',
          ...(detail !== undefined ? { detail } : {}),
        },
      ];
    });
  } catch {
    return [];
  }
}

function hintFor(status: number, context: RegistryErrorContext, anonymous: boolean): string {
  switch (status) {
    case 401:
      return anonymous
        ? `the registry needs credentials and none were found for ${context.registry}: log in (docker login) or configure a credential helper`
        : `check the credentials for ${context.registry} (docker login or the credential helper)`;
    case 403:
      return `the credentials for ${context.registry} are not allowed to do this on ${describeTarget(context)}`;
    case 404:
      return 'check the repository name and the tag or digest';
    case 405:
      return 'the registry does not support this operation (deleting may be disabled on it)';
    case 413:
      return 'the registry refused the size of the upload; try a chunked upload (chunkSize)';
    case 429:
      return 'the registry is rate limiting; try again later';
    default:
      return status >= 500 ? 'the registry failed; try again later' : 'the registry rejected the request';
  }
}

/** Describes an HTTP status and registry error codes: `HTTP 404 MANIFEST_UNKNOWN: manifest unknown`. */
export function describeStatus(status: number, errors: readonly RegistryErrorDetail[], body: string): string {
  if (errors.length > 0) {
    return `HTTP ${status} ${errors.map((e) => (e.message ? `${e.code}: ${e.message}` : e.code)).join('; ')}`;
  }
  const text = body.trim().replace(/\s+/g, ' ').slice(0, 200);
  return text && !text.startsWith('<') ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
}

/**
 * The error for an unexpected response: `RegistryAuthError` for 401/403, a `RetryableFailure`
 * for 429/5xx (with its `Retry-After`), a `RegistryError` otherwise. Consumes the body.
 * `anonymous` says no credentials were sent (for the hint).
 */
export async function errorForResponse(
  response: Response,
  context: Omit<RegistryErrorContext, 'status' | 'errors'>,
  anonymous = false,
): Promise<RegistryError | RetryableFailure> {
  const body = await readErrorBody(response);
  const errors = parseErrorBody(body);
  const full: RegistryErrorContext = { ...context, status: response.status, errors };
  const message = `${context.operation} on ${describeTarget(context)} failed: ${describeStatus(response.status, errors, body)}; ${hintFor(response.status, context, anonymous)}`;
  if (response.status === 401 || response.status === 403) return new RegistryAuthError(full, message);
  const error = new RegistryError(full, message);
  if (isRetryableStatus(response.status)) {
    return new RetryableFailure(error, parseRetryAfter(response.headers.get('retry-after')));
  }
  return error;
}
