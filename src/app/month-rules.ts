/**
 * The scoring code a kept month result was computed by (month-cache.ts): a
 * hash of the source of every file that scores a month or encodes the kept
 * form. Any change to them, a rule or a refactor, makes every kept month
 * stale, and test/app/month-cache.test.ts fails until this is updated to
 * the value it prints, so nobody has to remember to invalidate.
 */
export const MONTH_RULES = "c7eb1528d427427e";
