/**
 * Stored data the scoring engine refuses: the inputs of a period were built
 * from our own tables and filtered against the scheme, so a validation error
 * there is a bug in our data (a corrupted row, a scheme that no longer
 * validates), never the user's input. It carries the group and period so the
 * log line says where to look, and every channel answers it the same way: an
 * apology that says the data is at fault and the administrator has been told.
 */
export class DataError extends Error {
  readonly code = "data_error";
  constructor(
    readonly groupId: string,
    readonly period: string,
    readonly detail: string,
  ) {
    super(`data error in group ${groupId}, period ${period}: ${detail}`);
    this.name = "DataError";
  }

  /** The fields of the log line an administrator searches for ("data error"). */
  get fields(): Record<string, string> {
    return { code: this.code, group: this.groupId, period: this.period, detail: this.detail };
  }
}

export const isDataError = (error: unknown): error is DataError => error instanceof DataError;

/** What people are told about a data error, wherever it surfaced (zh first). */
export const DATA_ERROR_TEXT = {
  zh: "系统里的考核数据有误（不是你的操作问题），暂时算不出结果。已记录并报告管理员，修正后即可恢复；请稍后再试。",
  en: "The stored appraisal data has a problem (not something you did), so the result cannot be computed yet. It has been logged and reported to the administrator; please try again later.",
} as const;
