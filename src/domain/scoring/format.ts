/** Number formatting for the Chinese explanation lines. */
import { round2 } from "./fen";

/** An input-like figure: up to two decimals, no trailing zeros (88, 85.5, 86.67). */
export const num = (n: number): string => String(round2(n));

/** A computed figure: always two decimals (88.60), as on a report card. */
export const fix2 = (n: number): string => round2(n).toFixed(2);

export const pct = (weight: number): string => `${num(weight)}%`;

export const yuan = (fen: number): string => (fen / 100).toFixed(2);

/** "+3", "-2" */
export const signed = (n: number): string => (n >= 0 ? `+${num(n)}` : `-${num(-n)}`);
