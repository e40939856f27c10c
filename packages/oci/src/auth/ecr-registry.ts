import { normalizeRegistryKey } from './registry-key';

/** The AWS partitions private ECR registries live in. */
export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** A private Amazon ECR registry, read from its host name. */
export interface EcrRegistry {
  /** The host, lowercase, without port. */
  readonly host: string;
  /** The 12-digit AWS account id that owns the registry. */
  readonly accountId: string;
  readonly region: string;
  readonly partition: AwsPartition;
  /** A FIPS endpoint (`dkr.ecr-fips…`, `dkr-ecr-fips…`). */
  readonly fips: boolean;
  /** A dual-stack IPv4/IPv6 endpoint (`dkr-ecr….on.aws`). */
  readonly dualStack: boolean;
}

// IPv4-only: ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]
const IPV4 = /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?)$/;
// Dual-stack: ACCOUNT.dkr-ecr[-fips].REGION.on.aws, China: ….on.amazonwebservices.com.cn
const DUAL_STACK = /^(\d{12})\.dkr-ecr(-fips)?\.([a-z0-9-]+)\.(on\.aws|on\.amazonwebservices\.com\.cn)$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * Parses a private ECR registry host (`123456789012.dkr.ecr.us-east-1.amazonaws.com`, China
 * `….amazonaws.com.cn`, GovCloud `us-gov-*`, FIPS `dkr.ecr-fips`, dual-stack `dkr-ecr….on.aws`);
 * a port, scheme or path is ignored. Undefined for any other host, and when the region does not
 * belong to the domain's partition.
 */
export function parseEcrRegistry(registry: string): EcrRegistry | undefined {
  const host = normalizeRegistryKey(registry).replace(/:\d+$/, '');
  const dualStack = DUAL_STACK.exec(host);
  const match = dualStack ?? IPV4.exec(host);
  if (!match) return undefined;
  const [, accountId, fips, region, domain] = match;
  if (accountId === undefined || region === undefined || domain === undefined || !REGION.test(region)) {
    return undefined;
  }
  const china = domain.endsWith('.cn');
  if (china !== region.startsWith('cn-')) return undefined;
  const partition: AwsPartition = china ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return { host, accountId, region, partition, fips: fips !== undefined, dualStack: dualStack !== null };
}
