import type { CredentialProvider } from '../auth-types';

/** A provider asking each provider in turn and answering with the first credentials found (errors stop the search). */
export function composeCredentialProviders(...providers: readonly CredentialProvider[]): CredentialProvider {
  return async (registry) => {
    for (const provider of providers) {
      const found = await provider(registry);
      if (found) return found;
    }
    return undefined;
  };
}
