/**
 * Template tags: finding `{{name}}` and `{{=expression}}` in strings exactly where Argo finds them, and
 * substituting them.
 */
export { scanTemplate } from './scan';
export { type SimpleTagName, simpleTagName } from './simple-tag-name';
export {
  type SubstituteOptions,
  type SubstitutionResult,
  substituteTemplate,
  type TagResolver,
} from './substitute';
export {
  type LiteralSegment,
  TAG_PROBLEM_CODES,
  type TagKind,
  type TagProblem,
  type TagProblemCode,
  type TagSegment,
  type TemplateScan,
  type TemplateSegment,
  type TemplateTag,
} from './types';
