import { UsageError } from '../usage-error';
import {
  listValues,
  parseDuration,
  parseFormat,
  parsePackageTypes,
  parseScanners,
  parseSeverities,
  parseWholeNumber,
  type ScanRequest,
  type ScanTargetSpec,
} from './scan-request';

/** Flags shared by `image scan`, `fs scan` and `sbom`, as commander gives them. */
export interface ScanFlags {
  format?: string;
  output?: string;
  severity: string[];
  exitCode?: string;
  ignoreUnfixed?: boolean;
  ignorefile?: string;
  skipFiles: string[];
  skipDirs: string[];
  scanners: string[];
  pkgTypes: string[];
  maxAge?: string;
  platform?: string;
  quiet?: boolean;
  home?: string;
  db?: string;
  input?: string;
  layout?: string;
}

/** The image target of `image scan` / `sbom`: `--input TAR`, `--layout DIR` or a reference (or path). */
export function imageTarget(reference: string | undefined, flags: ScanFlags): ScanTargetSpec {
  const given = [reference, flags.input, flags.layout].filter((v) => v !== undefined);
  if (given.length !== 1) throw new UsageError('name exactly one image: REF, --input TAR or --layout DIR');
  if (flags.input !== undefined) return { kind: 'image-archive', path: flags.input };
  if (flags.layout !== undefined) return { kind: 'image-layout', path: flags.layout };
  return { kind: 'image-reference', reference: reference as string };
}

/** Validates the flags into a scan request. */
export function compileScanRequest(
  target: ScanTargetSpec,
  flags: ScanFlags,
  defaults: Partial<ScanRequest> = {},
): ScanRequest {
  const severities = parseSeverities(flags.severity);
  const packageTypes = parsePackageTypes(flags.pkgTypes);
  return {
    target,
    format: parseFormat(flags.format ?? defaults.format),
    ...(flags.output !== undefined ? { output: flags.output } : {}),
    ...(severities ? { severities } : {}),
    exitCode: parseWholeNumber(flags.exitCode, '--exit-code', 0),
    ignoreUnfixed: flags.ignoreUnfixed === true,
    ...(flags.ignorefile !== undefined ? { ignoreFile: flags.ignorefile } : {}),
    skipFiles: listValues(flags.skipFiles),
    skipDirs: listValues(flags.skipDirs),
    ...(defaults.vulnerabilities === false
      ? { vulnerabilities: false, secrets: false }
      : parseScanners(flags.scanners)),
    ...(packageTypes ? { packageTypes } : {}),
    ...(flags.maxAge !== undefined ? { maxAgeSeconds: parseDuration(flags.maxAge, '--max-age') } : {}),
    ...(flags.platform !== undefined ? { platform: flags.platform } : {}),
    quiet: flags.quiet === true,
  };
}
