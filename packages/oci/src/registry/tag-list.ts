import { classifyNetworkError } from './network-errors';
import { RegistryError } from './registry-error';
import { errorContext, type RepositoryContext } from './repository-context';
import { withRetry } from './retry';
import { pullScope } from './scopes';
import { readBodyBytes } from './timed-fetch';

/** Options of `listTags`. */
export interface ListTagsOptions {
  /** Tags asked per page (`n`); the registry may send fewer or ignore it. */
  readonly pageSize?: number;
}

const MAX_PAGES = 10_000;

/** The `rel="next"` target of a `Link` header (`</v2/a/tags/list?n=2&last=b>; rel="next"`). */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel="?next"?/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}

/**
 * All tags of a repository, following `Link` pagination (distribution spec); a repository the registry
 * does not know has no tags. Without a `Link` the list is complete (registries that ignore `n` send it all).
 */
export async function listTags(repo: RepositoryContext, options: ListTagsOptions = {}): Promise<string[]> {
  const operation = 'list tags';
  const first = new URLSearchParams();
  if (options.pageSize !== undefined) first.set('n', String(options.pageSize));
  let url: string | undefined = `/v2/${repo.repository}/tags/list${options.pageSize ? `?${first}` : ''}`;
  const tags: string[] = [];
  for (let page = 0; url !== undefined; page++) {
    if (page >= MAX_PAGES) {
      throw new RegistryError(
        errorContext(repo, operation),
        `${operation}: more than ${MAX_PAGES} pages; stopping`,
      );
    }
    const pageUrl: string = url;
    const { status, link, names } = await withRetry(repo.http.options.retry, async () => {
      const timed = await repo.http.send({
        operation,
        repository: repo.repository,
        method: 'GET',
        url: pageUrl,
        scopes: [pullScope(repo.repository)],
        headers: { accept: 'application/json' },
        expect: [200, 404],
      });
      let body: Uint8Array;
      try {
        body = await readBodyBytes(timed, repo.http.options.timeouts.stallMs, 16 * 1024 * 1024);
      } catch (error) {
        throw classifyNetworkError(error, errorContext(repo, operation), timed.url);
      }
      return {
        status: timed.response.status,
        link: timed.response.headers.get('link'),
        names: timed.response.status === 200 ? parseTags(repo, body) : [],
      };
    });
    if (status === 404) return [];
    tags.push(...names);
    const next = nextLink(link);
    url = next === undefined ? undefined : pathAndQuery(next);
  }
  return tags;
}

/** The path and query of a link, so that it is always sent to the registry itself. */
function pathAndQuery(link: string): string {
  const url = new URL(link, 'http://registry.invalid');
  return url.pathname + url.search;
}

function parseTags(repo: RepositoryContext, body: Uint8Array): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as { tags?: unknown };
    if (parsed.tags === null || parsed.tags === undefined) return [];
    if (Array.isArray(parsed.tags) && parsed.tags.every((t) => typeof t === 'string')) return parsed.tags;
  } catch {
    // fall through
  }
  throw new RegistryError(
    errorContext(repo, 'list tags'),
    `list tags on ${repo.registry}/${repo.repository}: the registry's answer is not a tag list ({"tags": [...]})`,
  );
}
