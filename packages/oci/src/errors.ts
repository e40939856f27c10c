/** Base class of the errors of the OCI package: a stable `code` and a message that says what to do. */
export class OciError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An image reference that does not follow the distribution grammar. */
export class InvalidReferenceError extends OciError {
  constructor(
    readonly reference: string,
    reason: string,
  ) {
    super('SLIPWAY_OCI_INVALID_REFERENCE', `invalid image reference \`${reference}\`: ${reason}`);
  }
}
