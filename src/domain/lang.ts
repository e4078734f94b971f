/** The user's language: Chinese first, English where the user wrote English. */
export type Lang = "zh" | "en";

/** Picks the user's language: Chinese first, English where the user wrote English. */
export const t = (lang: Lang, zh: string, en: string): string => (lang === "en" ? en : zh);
