// The image names a set of workflows (and the templates they may reach) pull.

/** Every literal `image:` value under `values` (templated names like `{{inputs.parameters.image}}` aside). */
export function imagesUsed(values: readonly unknown[]): Set<string> {
  const images = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'image' && typeof inner === 'string' && !inner.includes('{{')) images.add(inner);
        else visit(inner);
      }
    }
  };
  visit(values);
  return images;
}
