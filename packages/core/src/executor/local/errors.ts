import { SlipwayError } from '../../errors';

/** An image could not be resolved, downloaded or unpacked (the node becomes an Error, not a Failure). */
export class ImagePullError extends SlipwayError {
  constructor(
    readonly image: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('SLIPWAY_EXEC_IMAGE_PULL', `cannot pull image \`${image}\`: ${reason}`, options);
  }
}

/** A layer entry would land outside the image root or write through a symlink; the image is rejected. */
export class UnsafeLayerError extends SlipwayError {
  constructor(layer: string, entry: string, reason: string) {
    super(
      'SLIPWAY_EXEC_UNSAFE_LAYER',
      `layer ${layer}: entry \`${entry}\` ${reason}; the image was rejected — rebuild it so every entry stays inside the image root`,
    );
  }
}

/** The sandbox could not be set up or started (bubblewrap, overlay mount, a bind mount). */
export class SandboxError extends SlipwayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SLIPWAY_EXEC_SANDBOX', message, options);
  }
}

/** The pod's definition cannot be run as written (missing volume, secret, command, bad path). */
export class PodSpecError extends SlipwayError {
  constructor(message: string) {
    super('SLIPWAY_EXEC_POD_SPEC', message);
  }
}

/** An input artifact could not be placed, or an output artifact could not be saved. */
export class ArtifactError extends SlipwayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SLIPWAY_EXEC_ARTIFACT', message, options);
  }
}

/** A template kind the local executor does not run (data, resource, plugin). */
export class UnsupportedTemplateError extends SlipwayError {
  constructor(kind: string, hint: string) {
    super('SLIPWAY_EXEC_UNSUPPORTED', `${kind} templates are not supported locally yet: ${hint}`);
  }
}

/** A message for any thrown value: SlipwayErrors keep their text, others get their class name. */
export function describeError(error: unknown): string {
  // Errors with a stable code (Slipway's own, the OCI package's) have messages written for users.
  if (error instanceof SlipwayError) return error.message;
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string' && code.startsWith('SLIPWAY_')) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
