export type {
  CoefficientUse,
  Dimension,
  FieldError,
  Grade,
  ParseResult,
  PrizePeriod,
  Quota,
  RankingVisibility,
  RulesVersion,
  Scheme,
  YearReview,
} from "./types";
export {
  parseScheme,
  SchemeShape,
  DEFAULT_AWARDS,
  DEFAULT_RATERS,
  DEFAULT_BACKFILL_DAYS,
  KEY_PATTERN,
  type SchemeJson,
} from "./schema";
export { findDimension, type FindOptions, type FindResult } from "./find";
export { indexScheme, isLeaf, type NodeInfo, type SchemeIndex } from "./tree";
export { schemeTemplates, type SchemeTemplate } from "./templates";
export { LEGACY_DEFAULT_TEMPLATE } from "./legacy";
export { RECORDED_RATERS, withRules, type ParseOptions } from "./schema";
export { findYearReview, ratersOf } from "./rules2";
export { raterLabel, awardLabel } from "./labels";
export { formatPath } from "./issues";
export { checkSchemeSize, MAX_DIMENSIONS } from "./size";
export { type GradeFloor, type GradeOptions } from "./grade-options";
