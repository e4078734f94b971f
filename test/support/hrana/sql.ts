// A small SQLite tokenizer: enough to find a statement's parameters (numbered the way SQLite numbers
// them), whether it is an EXPLAIN, and how many statements a text holds.
//
// Why: the `libsql` driver neither lists a statement's parameters nor rejects a text with two
// statements (it silently runs the first), while sqld does both (ARGS_INVALID, SQL_MANY_STATEMENTS).
// The checks here are only ever allowed to be lenient: when unsure (a CREATE TRIGGER body), the text
// is treated as one statement.

export type SqlParam = { name: string | null }; // params[i] is parameter i + 1; null for `?` and gaps

/**
 * `verb` is the first statement's leading keyword (INSERT, SELECT, BEGIN...); for `WITH ...` it is the
 * first SELECT/INSERT/REPLACE/UPDATE/DELETE outside parentheses. sqld reports affected rows only for
 * INSERT/UPDATE/DELETE and a last rowid only for INSERT, and so does this stand-in.
 */
export type SqlInfo = { params: SqlParam[]; stmtCount: number; isExplain: boolean; verb: string | undefined };

const MAIN_VERBS = new Set(["SELECT", "INSERT", "REPLACE", "UPDATE", "DELETE", "VALUES"]);

const MAX_VARIABLE_NUMBER = 32766;
const ID_START = /[A-Za-z_\u0080-\uffff]/;
const ID_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER = /^(?:0x[0-9a-f]+|\d[\d_]*(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)/i;

export function analyzeSql(sql: string): SqlInfo {
  const params: SqlParam[] = [];
  const namedIndex = new Map<string, number>();
  let stmtCount = 0;
  let isExplain = false;
  let words: string[] = []; // leading keywords of the current statement, upper-cased
  let tokens = 0; // significant tokens in the current statement
  let inTrigger = false;
  let verb: string | undefined;
  let depth = 0; // parentheses, for WITH

  const significant = (word?: string) => {
    if (stmtCount === 0 && tokens === 0) {
      verb = word;
      isExplain = word === "EXPLAIN";
    } else if (stmtCount === 0 && verb === "WITH" && depth === 0 && word !== undefined && MAIN_VERBS.has(word)) {
      verb = word;
    }
    if (word !== undefined && words.length < 4) words.push(word);
    tokens++;
    // CREATE [TEMP|TEMPORARY] TRIGGER: its body holds `;`s, so never split it
    if (
      words[0] === "CREATE" &&
      (words[1] === "TRIGGER" || (/^TEMP(ORARY)?$/.test(words[1] ?? "") && words[2] === "TRIGGER"))
    )
      inTrigger = true;
  };
  const endStatement = () => {
    if (tokens > 0) stmtCount++;
    tokens = 0;
    words = [];
  };

  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      i = skipQuoted(sql, i, c === "[" ? "]" : c);
      significant();
    } else if (c === ";") {
      if (!inTrigger) endStatement();
      i++;
    } else if (c === "?") {
      const digits = /^\d+/.exec(sql.slice(i + 1))?.[0];
      if (digits === undefined) {
        params.push({ name: null });
      } else {
        const n = Number(digits);
        if (n >= 1 && n <= MAX_VARIABLE_NUMBER) {
          while (params.length < n) params.push({ name: null });
          params[n - 1] = { name: `?${digits}` };
        }
      }
      i += 1 + (digits?.length ?? 0);
      significant();
    } else if ((c === ":" || c === "@" || c === "$") && next !== undefined && ID_CHAR.test(next)) {
      let j = i + 1;
      while (j < sql.length && ID_CHAR.test(sql[j]!)) j++;
      const name = sql.slice(i, j);
      if (!namedIndex.has(name)) {
        params.push({ name });
        namedIndex.set(name, params.length);
      }
      i = j;
      significant();
    } else if (ID_START.test(c)) {
      let j = i + 1;
      while (j < sql.length && ID_CHAR.test(sql[j]!)) j++;
      significant(sql.slice(i, j).toUpperCase());
      i = j;
    } else {
      const num = NUMBER.exec(sql.slice(i, i + 64))?.[0];
      if (c === "(") depth++;
      else if (c === ")") depth = Math.max(0, depth - 1);
      i += num ? num.length : 1;
      significant();
    }
  }
  endStatement();
  return { params, stmtCount, isExplain, verb };
}

function skipQuoted(sql: string, start: number, close: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== "]" && sql[i + 1] === close)
        i += 2; // doubled quote is an escaped quote
      else return i + 1;
    } else i++;
  }
  return sql.length;
}
