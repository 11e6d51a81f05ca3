/**
 * Basic mode: default rule sets for Case <-> issue, and the generator that turns an admin's
 * mapping table into rule scripts they can later edit ("eject"). See docs/rules.md, "Basic mode".
 */
export * from './defaults';
export {
  generateRules,
  type GeneratedRules,
  type GenerateRulesResult,
  type InvalidMapping,
} from './generate-rules';
export {
  MAPPING_DIRECTIONS,
  MAPPING_TRANSFORMS,
  STATUS_CATEGORIES,
  type MappingCreate,
  type MappingDirection,
  type MappingRow,
  type MappingTable,
  type MappingTransform,
  type StatusCategory,
} from './mapping-table';
export { validateMapping, type MappingProblem } from './validate-mapping';
