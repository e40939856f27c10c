export { loadDocuments, type IgnoredDocument, type LoadedManifest, type LoadResult } from './load-documents';
export { readSources, SourceNotFoundError, type ReadSourcesOptions, type Source } from './read-sources';
