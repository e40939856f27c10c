export { type IgnoredDocument, type LoadedManifest, type LoadResult, loadDocuments } from './load-documents';
export { type ReadSourcesOptions, readSources, type Source, SourceNotFoundError } from './read-sources';
