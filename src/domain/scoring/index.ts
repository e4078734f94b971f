export { computePeriod } from "./compute";
export { combinePeriods, type CombinedMember, type CombinedResult, type PartResult } from "./combine";
export { explain } from "./explain";
export type { SurveySamples } from "./explain-tree";
export {
  parsePeriodInputs,
  PeriodInputsShape,
  type PeriodInputs,
  type PeriodInputsJson,
  type MemberInput,
  type RatingInput,
  type AdjustmentInput,
  type AwardInput,
  type ExtraInput,
} from "./inputs";
export { isVagueReason } from "./inputs-check";
export type { DimensionFigures, MemberDerivation, MemberResult, PeriodResult } from "./result";
export type { Warning, WarningCode } from "./warning";
export type { TopDimensionScore, AdjustmentEntry } from "./dimension";
export type { NodeScore } from "./tree";
export type { LeafScore, RaterGroupScore, RatingEntry } from "./leaf";
export type { ExtraScore } from "./extra";
export type { GradeAssignment } from "./grades";
export type { PrizeShare } from "./prizes";
export type { PayShare } from "./pay";
export { apportion, toCents, round2, yuanToFen, fenToYuan } from "./fen";
export { splitPool } from "./pay";
export { calibrationFor, calibrated, calibrationLine, FACTOR_DECIMALS, type Calibration } from "./calibrate";
export {
  rankOrganisation,
  type GroupPeriod,
  type OrganisationPerson,
  type OrganisationRanking,
  type Department,
} from "./organisation";
export { organisationQuotas, type QuotaGroup } from "./organisation-quota";
export {
  organisationGrades,
  type GradedGroup,
  type OrganisationGrades,
  type OrganisationQuota,
} from "./organisation-grades";
export { resolveQuotasByRemainder, type ResolvedQuota } from "./grades";
export { paysPrizes, type PeriodKind } from "./prizes";
export { yearParts, withReviews, type CombineOptions, type ReviewPart, type ReviewScores } from "./combine";
export type { PeriodOptions } from "./compute";
export { weightedCents } from "./pay";
