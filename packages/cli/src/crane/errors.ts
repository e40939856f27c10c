/** A crane subcommand or mode Slipway does not implement; the command line exits 2. */
export class CraneUnsupportedError extends Error {
  readonly code = 'SLIPWAY_CRANE_UNSUPPORTED';

  constructor(
    readonly feature: string,
    hint: string,
  ) {
    super(`crane ${feature} is not supported by Slipway: ${hint}`);
    this.name = 'CraneUnsupportedError';
  }
}

/** An OCI layout holds several images and `crane push` was not told to push them as one index. */
export class CraneAmbiguousLayoutError extends Error {
  readonly code = 'SLIPWAY_CRANE_AMBIGUOUS_LAYOUT';

  constructor(
    readonly path: string,
    readonly entries: number,
  ) {
    super(`the OCI layout ${path} holds ${entries} images; pass --index to push them as one image index`);
    this.name = 'CraneAmbiguousLayoutError';
  }
}
