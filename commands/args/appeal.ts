import { z } from "zod";
import { t, type Lang } from "../../cards/kit";
import { MAX_APPEAL_CHARS } from "../../src/app/appeals";
import { isVagueReason } from "../../src/domain/scoring";
import { tooLong } from "../../cards/refusals";

/** The reason for an appeal: present, within the limit, and specific. */
export const appealArgs = (lang: Lang) =>
  z
    .string()
    .trim()
    .min(
      1,
      t(
        lang,
        "请写明申诉理由，例如：申诉 9月联村工作的加分没有计入",
        "Give your reason, e.g. /appeal my September bonus is missing",
      ),
    )
    .max(MAX_APPEAL_CHARS, tooLong(lang, t(lang, "申诉理由", "reason"), MAX_APPEAL_CHARS))
    .refine(
      (s) => !isVagueReason(s),
      t(lang, "请写明具体理由（哪一项、为什么）。", "Be specific: which item, and why."),
    );
