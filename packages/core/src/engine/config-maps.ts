// ConfigMap values for `valueFrom.configMapKeyRef` parameters, from the snapshot a run was created with.

/** ConfigMaps by name, as `EngineState.configMaps` holds them. */
export type ConfigMapData = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** A `configMapKeyRef` (typed loosely in the model) as name and key. */
export function configMapKeyOf(value: unknown): { name: string; key: string } {
  const ref = (value ?? {}) as { name?: unknown; key?: unknown };
  return { name: String(ref.name ?? ''), key: String(ref.key ?? '') };
}

/** The referenced value, or why there is none (Argo's wording). */
export function configMapValue(
  configMaps: ConfigMapData,
  refValue: unknown,
): { value: string } | { missing: string } {
  const { name, key } = configMapKeyOf(refValue);
  const data = configMaps[name];
  if (data === undefined) return { missing: `ConfigMap ${JSON.stringify(name)} not found` };
  const value = data[key];
  return value === undefined
    ? { missing: `ConfigMap ${JSON.stringify(name)} has no key ${JSON.stringify(key)}` }
    : { value };
}
