import { OciError } from '../errors';
import { describeTarget, RegistryError, type RegistryErrorContext, RegistryTlsError } from './registry-error';
import { RetryableFailure } from './retry';
import { TransferTimeoutError } from './timed-fetch';

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_ABORTED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH|ALTNAME/;

/**
 * The innermost error of a `cause` chain that has a `code`, else the innermost error (undici wraps
 * socket errors in `TypeError: fetch failed`).
 */
export function rootCause(error: unknown): { code: string | undefined; message: string } {
  let current: unknown = error;
  let deepest: { code: string | undefined; message: string } = { code: undefined, message: String(error) };
  let coded: { code: string; message: string } | undefined;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    deepest = { code: typeof code === 'string' ? code : undefined, message: current.message };
    if (typeof code === 'string') coded = { code, message: current.message };
    current = current.cause;
  }
  return coded ?? deepest;
}

/** True when the failure is about an untrusted or mismatching TLS certificate. */
export function isCertificateError(error: unknown): boolean {
  const { code } = rootCause(error);
  return code !== undefined && CERTIFICATE_CODE.test(code);
}

/** True for connection resets, hang-ups and transport timeouts, which deserve a retry. */
export function isTransientNetworkError(error: unknown): boolean {
  const { code, message } = rootCause(error);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return true;
  return /socket hang up|other side closed|terminated|ECONNRESET/i.test(message);
}

/**
 * Turns an error thrown by `fetch` (or while reading a body) into a `RegistryError` with a hint,
 * wrapped in a `RetryableFailure` when retrying may help.
 */
export function classifyNetworkError(
  error: unknown,
  context: RegistryErrorContext,
  url: string,
): RegistryError | RetryableFailure {
  if (error instanceof RegistryError || error instanceof RetryableFailure) return error;
  const { code, message } = rootCause(error);
  const origin = safeOrigin(url);
  const what = `${context.operation} on ${describeTarget(context)} failed`;
  const detail = code ? `${code}: ${message}` : message;
  if (isCertificateError(error)) {
    return new RegistryTlsError(
      context,
      `${what}: the TLS certificate of ${origin} is not trusted (${detail}); pass the registry's CA certificate (caCertificates) or, for a test registry, mark it insecure`,
      { cause: error },
    );
  }
  if (error instanceof TransferTimeoutError) {
    return new RetryableFailure(new RegistryError(context, `${what}: ${error.message}`, { cause: error }));
  }
  if (error instanceof OciError)
    return new RegistryError(context, `${what}: ${error.message}`, { cause: error });
  if (isTransientNetworkError(error)) {
    return new RetryableFailure(
      new RegistryError(context, `${what}: the connection to ${origin} broke (${detail})`, { cause: error }),
    );
  }
  const hint =
    code === 'ECONNREFUSED'
      ? `nothing listens at ${origin}; is the registry running?`
      : code === 'ENOTFOUND'
        ? `the host of ${origin} does not resolve; check the registry name`
        : message === 'bad port'
          ? `fetch refuses to connect to the port of ${origin} (a WHATWG "bad port"); serve the registry on another port`
          : `check that ${origin} is reachable and is a registry`;
  return new RegistryError(context, `${what}: ${detail}; ${hint}`, { cause: error });
}

/** `scheme://host:port` of a URL, for messages (never its query, which may carry upload state). */
export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}
