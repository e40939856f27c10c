import type {
  ECRClientConfig,
  GetAuthorizationTokenCommand,
  GetAuthorizationTokenCommandOutput,
} from '@aws-sdk/client-ecr';
import type { CredentialProvider, RegistryCredentials } from '../auth-types';
import { EcrAccessDeniedError, EcrCredentialsMissingError, EcrTokenError } from './auth-errors';
import { type EcrRegistry, parseEcrRegistry } from './ecr-registry';
import { EcrTokenCache } from './ecr-token-cache';
import { scrubSecrets } from './scrub-secrets';

/** AWS credentials as the SDK takes them: static keys or a provider function (e.g. `fromTemporaryCredentials`). */
export type EcrAwsCredentials = NonNullable<ECRClientConfig['credentials']>;

/** How to reach and authenticate to one ECR registry's API. Unset fields use the SDK's defaults. */
export interface EcrRegistrySettings {
  /**
   * A profile of the shared AWS config/credentials files. The profile may assume a role itself
   * (`role_arn` with `source_profile`, `credential_source` or `web_identity_token_file`).
   */
  readonly profile?: string;
  /** Credentials to use instead of the SDK's default chain (env, SSO, profile, IRSA/web identity, ECS, EC2). */
  readonly credentials?: EcrAwsCredentials;
  /** ECR API endpoint to call instead of the region's (a VPC endpoint, a test stand-in). */
  readonly endpoint?: string;
}

// The AWS SDK is large; it is loaded only when an ECR registry is actually used, which keeps every other
// `slipway` command fast to start.
let ecrSdk: Promise<typeof import('@aws-sdk/client-ecr')> | undefined;
function loadEcrSdk(): Promise<typeof import('@aws-sdk/client-ecr')> {
  ecrSdk ??= import('@aws-sdk/client-ecr');
  return ecrSdk;
}

function lazyEcrClient(config: ECRClientConfig): EcrApiClient {
  const client = loadEcrSdk().then(({ ECRClient }) => new ECRClient(config));
  return { send: async (command) => (await client).send(command) };
}

/** The one ECR API call this provider makes; `ECRClient` satisfies it. */
export interface EcrApiClient {
  send(command: GetAuthorizationTokenCommand): Promise<GetAuthorizationTokenCommandOutput>;
}

/** Options of {@link ecrCredentialProvider}. */
export interface EcrCredentialProviderOptions {
  /** Settings per registry host, so two registries can use two accounts, partitions or credential sets. */
  readonly registries?: Readonly<Record<string, EcrRegistrySettings>>;
  /** Settings for registries not listed in `registries`. */
  readonly defaults?: EcrRegistrySettings;
  /** ECR API endpoint for every registry without its own `endpoint`. */
  readonly endpoint?: string;
  /** Makes the API client for a registry (default: `new ECRClient(config)`). */
  readonly clientFactory?: (config: ECRClientConfig, registry: EcrRegistry) => EcrApiClient;
  /** Token cache; share one between providers only if they use the same settings. */
  readonly cache?: EcrTokenCache;
  /** Fetch a new token this long before the current one expires (default 15 minutes). */
  readonly refreshBeforeExpiryMs?: number;
  /** Clock in epoch milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

const DEFAULT_REFRESH_MARGIN_MS = 15 * 60 * 1000;
/** ECR documents 12 hours; used when an answer carries no `expiresAt`. */
const DEFAULT_TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnauthorizedOperation',
]);

function settingsFor(options: EcrCredentialProviderOptions, registry: EcrRegistry): EcrRegistrySettings {
  return options.registries?.[registry.host] ?? options.defaults ?? {};
}

/** The ECRClient configuration for a registry: its region, its FIPS/dual-stack flavour, and its settings. */
export function ecrClientConfig(
  registry: EcrRegistry,
  settings: EcrRegistrySettings,
  endpoint?: string,
): ECRClientConfig {
  const target = settings.endpoint ?? endpoint;
  return {
    region: registry.region,
    // The SDK rejects FIPS/dual-stack together with a custom endpoint: the endpoint already says where to go.
    ...(target !== undefined
      ? { endpoint: target }
      : { useFipsEndpoint: registry.fips, useDualstackEndpoint: registry.dualStack }),
    ...(settings.profile !== undefined ? { profile: settings.profile } : {}),
    ...(settings.credentials !== undefined ? { credentials: settings.credentials } : {}),
  };
}

function staticSecrets(settings: EcrRegistrySettings): string[] {
  const credentials = settings.credentials;
  if (credentials === undefined || typeof credentials === 'function') return [];
  return [credentials.secretAccessKey, credentials.sessionToken, credentials.accessKeyId].filter(
    (value): value is string => typeof value === 'string',
  );
}

function errorFields(error: unknown): { name: string; message: string; status?: number; requestId?: string } {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown; requestId?: unknown } }).$metadata;
  return {
    name: error.name,
    message: error.message,
    ...(typeof metadata?.httpStatusCode === 'number' ? { status: metadata.httpStatusCode } : {}),
    ...(typeof metadata?.requestId === 'string' ? { requestId: metadata.requestId } : {}),
  };
}

/** Turns an SDK failure into one of our errors; the SDK error is not attached, as its text is not scrubbed. */
function toEcrError(error: unknown, registry: EcrRegistry, secrets: readonly string[]): Error {
  const { name, message, status, requestId } = errorFields(error);
  const detail = scrubSecrets(message, secrets);
  if (name === 'CredentialsProviderError') {
    return new EcrCredentialsMissingError(registry.host, registry.region, detail);
  }
  const suffix = requestId ? ` (AWS request id ${requestId})` : '';
  if (DENIED.has(name) || status === 401 || status === 403) {
    return new EcrAccessDeniedError(registry.host, registry.region, name, `${detail}${suffix}`);
  }
  const what = status !== undefined ? `${name} (HTTP ${status})` : name;
  return new EcrTokenError(registry.host, registry.region, `${what}: ${detail}${suffix}`);
}

/** Decodes an ECR `authorizationToken` (base64 of `AWS:password`). */
export function decodeEcrToken(token: string): { username: string; password: string } | undefined {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * A provider for private ECR registries (undefined for any other host): calls
 * `ecr:GetAuthorizationToken` in the registry's own region and partition, with the SDK's default
 * credential chain or the registry's settings, and caches the login until shortly before it expires.
 */
export function ecrCredentialProvider(options: EcrCredentialProviderOptions = {}): CredentialProvider {
  const cache = options.cache ?? new EcrTokenCache();
  const now = options.now ?? Date.now;
  const margin = options.refreshBeforeExpiryMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const factory = options.clientFactory ?? lazyEcrClient;
  const clients = new Map<string, EcrApiClient>();

  const fetchToken = async (registry: EcrRegistry): Promise<RegistryCredentials> => {
    const settings = settingsFor(options, registry);
    let client = clients.get(registry.host);
    if (!client) {
      client = factory(ecrClientConfig(registry, settings, options.endpoint), registry);
      clients.set(registry.host, client);
    }
    const requestedAt = now();
    let output: GetAuthorizationTokenCommandOutput;
    try {
      const { GetAuthorizationTokenCommand } = await loadEcrSdk();
      output = await client.send(new GetAuthorizationTokenCommand({}));
    } catch (error) {
      throw toEcrError(error, registry, staticSecrets(settings));
    }
    const data = output.authorizationData?.[0];
    const decoded = data?.authorizationToken ? decodeEcrToken(data.authorizationToken) : undefined;
    if (!decoded) {
      throw new EcrTokenError(
        registry.host,
        registry.region,
        'the answer holds no usable authorizationToken',
      );
    }
    const credentials: RegistryCredentials = { kind: 'basic', ...decoded };
    const expiresAt = data?.expiresAt?.getTime() ?? requestedAt + DEFAULT_TOKEN_LIFETIME_MS;
    const refreshAt = expiresAt - margin;
    if (refreshAt > now()) cache.set(registry.host, { credentials, refreshAt });
    return credentials;
  };

  return async (host) => {
    const registry = parseEcrRegistry(host);
    if (!registry) return undefined;
    return cache.get(registry.host, now()) ?? cache.shared(registry.host, () => fetchToken(registry));
  };
}
