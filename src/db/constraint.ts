/**
 * A constraint a failed write broke, read from the driver's error code, never from its text:
 * - the Node file client (src/db/file-client.ts) and @libsql/client's own file client give the
 *   base code (`code` SQLITE_CONSTRAINT) and the extended one (`extendedCode` SQLITE_CONSTRAINT_UNIQUE,
 *   _PRIMARYKEY, _FOREIGNKEY…);
 * - the Hrana (HTTP) client used on Workers gives only the base code: sqld does not send the
 *   extended one (@libsql/client hrana.js mapHranaError), so the kind is then "unspecified".
 * Both throw a LibsqlBatchError from a batch, whose `statementIndex` names the statement that failed.
 */
export interface ConstraintFailure {
  kind: "unique" | "foreign-key" | "not-null" | "check" | "unspecified";
  /** The failed statement's place in its batch, when the failure came from a batch. */
  statementIndex?: number;
}

const KINDS: Record<string, ConstraintFailure["kind"]> = {
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_CONSTRAINT_ROWID: "unique",
  SQLITE_CONSTRAINT_FOREIGNKEY: "foreign-key",
  SQLITE_CONSTRAINT_NOTNULL: "not-null",
  SQLITE_CONSTRAINT_CHECK: "check",
};

interface DriverError {
  code?: unknown;
  extendedCode?: unknown;
  statementIndex?: unknown;
  cause?: unknown;
}

/** The constraint `error` reports (looking through wrappers' `cause`), or null for any other error. */
export function constraintFailure(error: unknown): ConstraintFailure | null {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const { code, extendedCode, statementIndex, cause } = e as DriverError;
    if (code === "SQLITE_CONSTRAINT" || (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT_"))) {
      const extended = typeof extendedCode === "string" ? extendedCode : code;
      return {
        kind: KINDS[extended] ?? "unspecified",
        ...(typeof statementIndex === "number" ? { statementIndex } : {}),
      };
    }
    e = cause;
  }
  return null;
}
