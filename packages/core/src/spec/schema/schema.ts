/**
 * A small schema language for the Argo and Kubernetes types Slipway reads. Each object schema names the
 * fields it allows, so unknown fields are errors (as Argo's `--strict`), and decoding keeps positions.
 */
export type Schema =
  | { readonly kind: 'string' }
  | { readonly kind: 'anyString' }
  | { readonly kind: 'int' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'intOrString' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'any' }
  | { readonly kind: 'list'; readonly item: Schema }
  | { readonly kind: 'map'; readonly value: Schema }
  | ObjectSchema<unknown>
  | { readonly kind: 'lazy'; readonly get: () => Schema };

/** An object type: its Go-style type name (for messages), its fields and which of them are required. */
export interface ObjectSchema<T> {
  readonly kind: 'object';
  readonly name: string;
  readonly fields: Readonly<Record<string, Schema>>;
  readonly required: readonly string[];
  /** Phantom marker tying the schema to its TypeScript type. */
  readonly __type?: T;
}

/** Every key of `T`, each with a schema: the compiler checks that schema and type name the same fields. */
export type FieldsOf<T> = { readonly [K in keyof Required<T>]: Schema };

/** A plain string; numbers and booleans are rejected, as Go's JSON decoder does. */
export const str: Schema = { kind: 'string' };
/** A string that also accepts numbers and booleans, kept as their text (Argo's `AnyString`). */
export const anyString: Schema = { kind: 'anyString' };
/** A whole number. */
export const int: Schema = { kind: 'int' };
/** Any number. */
export const num: Schema = { kind: 'number' };
/** true or false. */
export const bool: Schema = { kind: 'bool' };
/** Kubernetes `IntOrString`: a whole number or a string (often a `{{…}}` tag). */
export const intOrString: Schema = { kind: 'intOrString' };
/** Any JSON value, not checked further (loop items, plugin configuration, raw manifests). */
export const anyValue: Schema = { kind: 'any' };

/** A string restricted to a set of values (templated values are checked only after substitution). */
export function oneOf(...values: string[]): Schema {
  return { kind: 'enum', values };
}

/** A list of `item`. */
export function list(item: Schema): Schema {
  return { kind: 'list', item };
}

/** A map from string keys to `value`. */
export function map(value: Schema): Schema {
  return { kind: 'map', value };
}

/** A schema resolved on first use, for recursive types (a DAG task's inline template). */
export function lazy(get: () => Schema): Schema {
  return { kind: 'lazy', get };
}

/** An object with exactly `fields`; `required` lists the fields that must be present. */
export function object<T>(
  name: string,
  fields: FieldsOf<T>,
  required: readonly (keyof T & string)[] = [],
): ObjectSchema<T> {
  return { kind: 'object', name, fields, required };
}

/** A short human name of what a schema expects, for messages: "a string", "a list of Parameter". */
export function describeSchema(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
    case 'anyString':
      return 'a string';
    case 'int':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'bool':
      return 'true or false';
    case 'intOrString':
      return 'an integer or a string';
    case 'enum':
      return `one of ${schema.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'any':
      return 'a value';
    case 'list':
      return `a list of ${describeItem(schema.item)}`;
    case 'map':
      return `a map of ${describeItem(schema.value)}`;
    case 'object':
      return `a ${schema.name} object`;
    case 'lazy':
      return describeSchema(schema.get());
  }
}

function describeItem(schema: Schema): string {
  const resolved = schema.kind === 'lazy' ? schema.get() : schema;
  if (resolved.kind === 'object') return resolved.name;
  return describeSchema(resolved).replace(/^an? /, '');
}
