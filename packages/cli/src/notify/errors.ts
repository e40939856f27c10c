/** A webhook that did not take the message: its HTTP status and body, or the network error. */
export class WebhookDeliveryError extends Error {
  readonly code = 'SLIPWAY_NOTIFY_DELIVERY';

  constructor(
    /** The webhook's host (the full URL is a secret and is never shown). */
    readonly host: string,
    /** The last HTTP status, undefined when no answer came. */
    readonly status: number | undefined,
    /** The last answer's body (cut to 2 KB). */
    readonly body: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      status === undefined
        ? `the webhook at ${host} could not be reached after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${options?.cause instanceof Error ? options.cause.message : String(options?.cause)}`
        : `the webhook at ${host} answered HTTP ${status}${body ? `: ${body}` : ''} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
      options,
    );
    this.name = 'WebhookDeliveryError';
  }
}
