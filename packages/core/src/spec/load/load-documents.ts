import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic, SourceRange } from '../../diagnostics/diagnostic';
import { didYouMean } from '../../diagnostics/suggest';
import {
  ARGO_API_VERSION,
  isManifestKind,
  type Manifest,
  type ManifestKind,
  manifestSchemas,
} from '../model/manifests';
import { decodeObject } from '../schema/decode';
import { SourceMap } from '../source-map';
import { type ParseYamlOptions, parseYaml, rangeFromOffsets, type YamlDocument } from '../yaml/parse-yaml';
import type { Source } from './read-sources';

/** One Argo manifest read from a file, typed, with where it came from. */
export interface LoadedManifest {
  readonly file: string;
  /** 0-based index of the document inside its file. */
  readonly index: number;
  readonly manifest: Manifest;
  /** `metadata.name`, else `metadata.generateName`, else empty. */
  readonly name: string;
  readonly range: SourceRange;
}

/** A document of another API (a ConfigMap, a PVC…) found beside the workflows; kept out of the model. */
export interface IgnoredDocument {
  readonly file: string;
  readonly index: number;
  readonly apiVersion: string;
  readonly kind: string;
}

/** Everything read from a set of sources. */
export interface LoadResult {
  readonly manifests: LoadedManifest[];
  readonly ignored: IgnoredDocument[];
  readonly diagnostics: Diagnostic[];
  readonly sourceMap: SourceMap;
  /** Source text by file name, for printing context under diagnostics. */
  readonly texts: ReadonlyMap<string, string>;
}

const ARGO_KINDS: readonly ManifestKind[] = Object.keys(manifestSchemas) as ManifestKind[];

/** Parses and decodes every document of every source; nothing throws, every problem is a diagnostic. */
export function loadDocuments(sources: readonly Source[], options: ParseYamlOptions = {}): LoadResult {
  const sourceMap = new SourceMap();
  const manifests: LoadedManifest[] = [];
  const ignored: IgnoredDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  for (const source of sources) {
    texts.set(source.file, source.text);
    const parsed = parseYaml(source.file, source.text, options);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.diagnostics.length > 0) continue;
    for (const document of parsed.documents) {
      loadOne(document, sourceMap, manifests, ignored, diagnostics);
    }
  }
  return { manifests, ignored, diagnostics, sourceMap, texts };
}

function loadOne(
  doc: YamlDocument,
  sourceMap: SourceMap,
  manifests: LoadedManifest[],
  ignored: IgnoredDocument[],
  diagnostics: Diagnostic[],
): void {
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return;
  const range = nodeRange(doc, root);
  if (!isMap(root)) {
    diagnostics.push(
      error(range, 'SLIPWAY_LOAD_NOT_A_MANIFEST', 'expected a manifest (a map with `apiVersion` and `kind`)'),
    );
    return;
  }
  const apiVersion = scalarField(root, 'apiVersion');
  const kind = scalarField(root, 'kind');
  if (kind === undefined) {
    diagnostics.push(
      error(range, 'SLIPWAY_LOAD_NO_KIND', `this document has no \`kind\`; expected one of ${kindList()}`),
    );
    return;
  }
  if (apiVersion !== ARGO_API_VERSION) {
    if (isManifestKind(kind) || apiVersion?.startsWith('argoproj.io/')) {
      diagnostics.push(
        error(
          fieldRange(doc, root, 'apiVersion') ?? range,
          'SLIPWAY_LOAD_API_VERSION',
          `\`apiVersion\` of a ${kind} must be \`${ARGO_API_VERSION}\`, found \`${apiVersion ?? 'nothing'}\``,
        ),
      );
    } else {
      ignored.push({ file: doc.file, index: doc.index, apiVersion: apiVersion ?? '', kind });
    }
    return;
  }
  if (!isManifestKind(kind)) {
    const suggestion = didYouMean(kind, ARGO_KINDS);
    diagnostics.push({
      ...error(
        fieldRange(doc, root, 'kind') ?? range,
        'SLIPWAY_LOAD_KIND',
        `unknown kind \`${kind}\`; expected one of ${kindList()}`,
      ),
      ...(suggestion ? { suggestion } : {}),
    });
    return;
  }
  const before = diagnostics.length;
  const manifest = decodeObject(root, manifestSchemas[kind] as never, {
    file: doc.file,
    ...(doc.document ? { document: doc.document } : {}),
    locate: doc.locate,
    sourceMap,
    diagnostics,
  }) as Manifest | undefined;
  if (manifest === undefined || (diagnostics.length > before && manifest.spec === undefined)) return;
  const name = manifest.metadata?.name ?? manifest.metadata?.generateName ?? '';
  manifests.push({ file: doc.file, index: doc.index, manifest, name, range });
}

function kindList(): string {
  return ARGO_KINDS.map((k) => `\`${k}\``).join(', ');
}

function scalarField(map: Node, key: string): string | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key && isScalar(pair.value)) {
      const value = pair.value.value;
      return typeof value === 'string' ? value : undefined;
    }
  }
  return undefined;
}

function fieldRange(doc: YamlDocument, map: Node, key: string): SourceRange | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) {
      const target = (pair.value as Node | null) ?? (pair.key as Node);
      return nodeRange(doc, target);
    }
  }
  return undefined;
}

function nodeRange(doc: YamlDocument, node: Node): SourceRange {
  const [start, end] = node.range ?? [0, 0];
  return rangeFromOffsets(doc.file, doc.locate, start, end);
}

function error(range: SourceRange, code: string, message: string): Diagnostic {
  return { severity: 'error', code, message, range };
}
