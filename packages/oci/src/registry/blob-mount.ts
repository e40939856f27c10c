import type { Descriptor } from '../model/descriptors';
import { putBlob } from './blob-upload';
import { RegistryAuthError } from './registry-error';
import type { RepositoryContext } from './repository-context';
import { assertRepositoryName } from './repository-name';
import { pullScope, pushScope } from './scopes';
import { discardBody, type TimedResponse } from './timed-fetch';
import { cancelUpload, checkBlobDigest, locationOf, type OpenBlob } from './upload-session';

/**
 * Asks the registry to mount a blob from another repository of it (`?mount=&from=`). True when mounted;
 * otherwise (202, or no right to read `from`) the blob is uploaded with `open` when given, and false returned.
 */
export async function mountBlob(
  repo: RepositoryContext,
  descriptor: Descriptor,
  fromRepository: string,
  open?: OpenBlob,
): Promise<boolean> {
  checkBlobDigest(descriptor);
  assertRepositoryName(fromRepository);
  const operation = `mount blob ${descriptor.digest} from ${fromRepository}`;
  let timed: TimedResponse;
  try {
    timed = await repo.http.request({
      operation,
      repository: repo.repository,
      method: 'POST',
      url: `/v2/${repo.repository}/blobs/uploads/?${new URLSearchParams({ mount: descriptor.digest, from: fromRepository })}`,
      scopes: [pushScope(repo.repository), pullScope(fromRepository)],
      expect: [201, 202],
    });
  } catch (error) {
    if (!(error instanceof RegistryAuthError)) throw error;
    if (open) await putBlob(repo, descriptor, open);
    return false;
  }
  await discardBody(timed);
  if (timed.response.status === 201) return true;
  const location = locationOf(timed);
  if (open) {
    await putBlob(repo, descriptor, open, location);
  } else if (location) {
    await cancelUpload(repo, location);
  }
  return false;
}
