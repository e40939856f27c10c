import { OciError } from '../errors';

/** One entry of a registry's JSON error body (`{"errors":[{"code","message","detail"}]}`). */
export interface RegistryErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
}

/** Where a registry failure happened: which registry, repository and operation, and what it answered. */
export interface RegistryErrorContext {
  readonly registry: string;
  readonly repository?: string;
  /** What Slipway was doing: `get manifest latest`, `upload blob sha256:…`. */
  readonly operation: string;
  /** The HTTP status, when the registry answered. */
  readonly status?: number;
  /** The registry's error codes and messages, when it sent any. */
  readonly errors?: readonly RegistryErrorDetail[];
}

/** A registry request that failed: an HTTP error, a network failure, or an answer Slipway cannot use. */
export class RegistryError extends OciError {
  readonly registry: string;
  readonly repository: string | undefined;
  readonly operation: string;
  readonly status: number | undefined;
  readonly errors: readonly RegistryErrorDetail[];

  constructor(context: RegistryErrorContext, message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'SLIPWAY_OCI_REGISTRY', message, options);
    this.registry = context.registry;
    this.repository = context.repository;
    this.operation = context.operation;
    this.status = context.status;
    this.errors = context.errors ?? [];
  }

  /** The context this error was raised with, to re-raise it with a different message. */
  get context(): RegistryErrorContext {
    return {
      registry: this.registry,
      operation: this.operation,
      errors: this.errors,
      ...(this.repository !== undefined ? { repository: this.repository } : {}),
      ...(this.status !== undefined ? { status: this.status } : {}),
    };
  }
}

/** The registry or its token service refused the credentials (or their absence). */
export class RegistryAuthError extends RegistryError {
  constructor(context: RegistryErrorContext, message: string, options?: { cause?: unknown }) {
    super(context, message, { ...options, code: 'SLIPWAY_OCI_REGISTRY_AUTH' });
  }
}

/** The registry's TLS certificate is not trusted. */
export class RegistryTlsError extends RegistryError {
  constructor(context: RegistryErrorContext, message: string, options?: { cause?: unknown }) {
    super(context, message, { ...options, code: 'SLIPWAY_OCI_REGISTRY_TLS' });
  }
}

/** `registry/repository` or just `registry`, for messages. */
export function describeTarget(context: RegistryErrorContext): string {
  return context.repository ? `${context.registry}/${context.repository}` : context.registry;
}

/** Client options that cannot work (a negative chunk size, zero attempts). */
export class RegistryOptionsError extends OciError {
  constructor(
    readonly option: string,
    reason: string,
  ) {
    super('SLIPWAY_OCI_REGISTRY_OPTIONS', `registry client option ${option}: ${reason}`);
  }
}
