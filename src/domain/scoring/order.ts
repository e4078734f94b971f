/**
 * Text comparison by UTF-16 code units. `localeCompare` depends on the ICU data of the machine,
 * and results (ranks among ties, who gets the last fen) must be the same everywhere.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
