/** Something a person should know about a result that is not an error: told in Chinese and English. */
export interface Warning {
  code: WarningCode;
  zh: string;
  en: string;
  /** Member ids concerned, sorted. */
  members?: string[];
}

export type WarningCode =
  | "quota-exceeded-by-tie"
  | "no-grade"
  | "pay-equal-split"
  | "pay-no-members"
  | "missing-ratings";
