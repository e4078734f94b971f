import type { TargetProblem } from "../src/app/targets";
import { excerpt } from "../src/domain/text";
import { t, type Lang } from "./kit";

/** Why a name did not resolve to a member, in the user's language (src/app/targets.ts gives the code). */
export function targetProblemText(p: TargetProblem, lang: Lang): string {
  const name = excerpt(p.name);
  switch (p.code) {
    case "not-member":
      return t(lang, `${p.name} 不是本群的考核成员`, `${p.name} is not a member of this group`);
    case "namesake":
      return t(
        lang,
        `群里有 ${p.count} 位「${name}」，请 @ 要找的那一位`,
        `${p.count} people here are called “${name}”; please @mention the one you mean`,
      );
    case "ambiguous":
      return t(
        lang,
        `「${name}」对应多人：${p.candidates.join("、")}。请 @ 具体的人`,
        `“${name}” matches several people: ${p.candidates.join(", ")}. Please @mention one`,
      );
    case "not-found":
      return t(
        lang,
        `群里没有「${name}」。请 @ 要打分的人`,
        `Nobody called “${name}” here. Please @mention the person`,
      );
  }
}

/** Every name that failed, one per line. */
export const targetProblemsText = (ps: readonly TargetProblem[], lang: Lang): string =>
  ps.map((p) => targetProblemText(p, lang)).join("\n");
