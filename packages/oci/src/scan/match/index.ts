export { cvss3BaseScore, severityOfScore, severityOfWord } from './cvss';
export {
  type FindingFilter,
  filterFindings,
  filterSecrets,
  type IgnoreRule,
  parseIgnoreFile,
} from './ignore';
export { advisorySeverity, type DistroTarget, distroTarget, matchInventory } from './match';
export { evaluateAffected, type RangeVerdict } from './ranges';
