/** Credentials for one registry, as docker's config.json and credential helpers give them. */
export type RegistryCredentials =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  /** An OAuth2 refresh token (docker's `identitytoken`), exchanged at the token realm. */
  | { readonly kind: 'identity-token'; readonly token: string }
  /** A ready bearer token sent as is (docker's `registrytoken`). */
  | { readonly kind: 'registry-token'; readonly token: string };

/** Finds credentials for a registry host (`127.0.0.1:5000`, `123.dkr.ecr.us-east-1.amazonaws.com`); undefined for anonymous. */
export type CredentialProvider = (registry: string) => Promise<RegistryCredentials | undefined>;
