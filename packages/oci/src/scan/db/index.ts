export { AdvisoryDb, type AdvisoryDbStatus, type AffectedRow } from './advisory-db';
export { type ImportResult, importAdvisories } from './import';
export {
  normalizeName,
  type OsvAffected,
  type OsvEvent,
  type OsvSummary,
  parseOsv,
  splitEcosystem,
} from './osv';
export { DEFAULT_ECOSYSTEMS, DEFAULT_OSV_BASE_URL, type UpdateOptions, updateAdvisoryDb } from './update';
