// Prometheus metrics declared by workflows and templates. Placeholder shape: being filled in.
import { anyValue, type Schema } from '../schema/schema';

/** Schema of a `metrics` block. */
export const metricsSchema: Schema = anyValue;
