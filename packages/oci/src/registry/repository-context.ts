import type { RegistryErrorContext } from './registry-error';
import type { RegistryHttp } from './registry-http';

/** What the operations on one repository share: the registry's HTTP layer and the repository name. */
export interface RepositoryContext {
  readonly http: RegistryHttp;
  readonly registry: string;
  readonly repository: string;
}

/** The error context of an operation on a repository. */
export function errorContext(repo: RepositoryContext, operation: string): RegistryErrorContext {
  return { registry: repo.registry, repository: repo.repository, operation };
}
