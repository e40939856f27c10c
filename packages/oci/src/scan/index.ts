export * from './db';
export {
  AdvisoryDbError,
  AdvisoryDownloadError,
  AdvisoryImportError,
  CatalogueParseError,
  IgnoreFileError,
  ScanTargetError,
  StaleAdvisoryDbError,
} from './errors';
export type { ImageInput, ImageMetadata } from './image/walk-image';
export { CATALOGUERS, goBinaryPackages, readGoBuildInfo } from './inventory';
export * from './match';
export * from './report';
export {
  hasFindings,
  type ScanOptions,
  type ScanReport,
  type ScanTarget,
  scanDirectory,
  scanImage,
  skipMatcher,
} from './scan';
export { detectSecrets, SECRET_RULES, type SecretRule } from './secret';
export {
  type Ecosystem,
  type Finding,
  type Inventory,
  type OsRelease,
  type Package,
  SEVERITIES,
  type SecretFinding,
  type Severity,
  type SkippedFile,
} from './types';
export { compareVersions } from './version';
