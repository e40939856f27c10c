import type { Readable } from 'node:stream';
import type { Descriptor, RawManifest } from '../model/descriptors';
import type { ImageSink, ImageSource } from '../model/image-store';
import { hasBlob, openBlob } from './blob-download';
import { mountBlob } from './blob-mount';
import { putBlob } from './blob-upload';
import { deleteManifest, getManifest, headManifest, putManifest } from './manifest-operations';
import type { RegistryHttp } from './registry-http';
import type { RepositoryContext } from './repository-context';
import { type ListTagsOptions, listTags } from './tag-list';
import type { OpenBlob } from './upload-session';

/** One repository of a registry, to read and write images (get one from `RegistryClient.repository`). */
export class RegistryRepository implements ImageSource, ImageSink {
  /** `registry/repository`, for messages. */
  readonly name: string;
  private readonly context: RepositoryContext;

  constructor(
    http: RegistryHttp,
    readonly registry: string,
    readonly repository: string,
  ) {
    this.name = `${registry}/${repository}`;
    this.context = { http, registry, repository };
  }

  /** The manifest or index for a tag or digest (`latest` by default), with the registry's media type. */
  getManifest(reference = 'latest'): Promise<RawManifest> {
    return getManifest(this.context, reference);
  }

  /** The descriptor of a manifest (HEAD), undefined when the registry does not have it. */
  headManifest(reference: string): Promise<Descriptor | undefined> {
    return headManifest(this.context, reference);
  }

  /** Stores a manifest under `tag`, or under its digest when no tag is given. */
  putManifest(manifest: RawManifest, tag?: string): Promise<void> {
    return putManifest(this.context, manifest, tag);
  }

  /** Deletes a manifest by digest; false when it was not there. */
  deleteManifest(digest: string): Promise<boolean> {
    return deleteManifest(this.context, digest);
  }

  /** Every tag of the repository (following pagination); empty when the repository does not exist. */
  listTags(options?: ListTagsOptions): Promise<string[]> {
    return listTags(this.context, options);
  }

  /** Whether the repository has a blob. */
  hasBlob(descriptor: Descriptor): Promise<boolean> {
    return hasBlob(this.context, descriptor);
  }

  /** A blob's content, verified against its descriptor while read. */
  openBlob(descriptor: Descriptor): Promise<Readable> {
    return openBlob(this.context, descriptor);
  }

  /** Uploads a blob (monolithic or chunked, see `chunkSize`); `open` is called again on retries. */
  putBlob(descriptor: Descriptor, open: OpenBlob): Promise<void> {
    return putBlob(this.context, descriptor, open);
  }

  /**
   * Mounts a blob from another repository of the same registry; true when mounted. When it is not
   * (the registry lacks it there, or refuses), it is uploaded with `open` if given.
   */
  mountBlob(descriptor: Descriptor, fromRepository: string, open?: OpenBlob): Promise<boolean> {
    return mountBlob(this.context, descriptor, fromRepository, open);
  }
}
