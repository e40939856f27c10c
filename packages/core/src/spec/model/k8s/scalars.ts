// Scalar kinds Kubernetes uses across its types: quantities, int-or-string values and timestamps.
import { anyString, intOrString, type Schema } from '../../schema/schema';

/** A resource quantity (`200m`, `1Gi`, `0.5`, `2`), kept as text; YAML numbers are accepted as written. */
export type Quantity = string;
/** Schema of a Quantity: a string, or a number kept as its text (Kubernetes accepts `cpu: 1` and `cpu: 0.5`). */
export const quantitySchema: Schema = anyString;

/** Kubernetes `IntOrString`: a port number or name, a count or a percentage (`25%`), or a `{{…}}` tag. */
export type IntOrString = number | string;
/** Schema of an IntOrString. */
export const intOrStringSchema: Schema = intOrString;

/** A `metav1.Time` timestamp in RFC 3339 form (`2024-01-02T03:04:05Z`). */
export type Time = string;

/** A value holding a `{{…}}` tag: enum fields accept these, to be checked after substitution. */
export type Templated = `${string}{{${string}`;
