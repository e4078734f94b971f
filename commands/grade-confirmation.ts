import type { Lang, Rendered } from "../cards/kit";
import { gradeConfirmationCards } from "../cards/grade-confirmation";
import { confirmationView } from "../src/app/grade-confirmation-view";
import type { BotDeps } from "../src/bot/deps";
import type { Group } from "../src/app/model";

/** Kept here for the commands that import them with the rest of the confirmation. */

/** The office's card for a period as it stands (overrides in, confirmed or not). */
export async function confirmationCardOf(
  deps: BotDeps,
  group: Group,
  period: string,
  lang: Lang,
  opts: { confirmedBy?: string; pending?: { memberId: string; grade: string | null; reason: string } } = {},
): Promise<Rendered[]> {
  const view = await confirmationView(deps, { group, period, ...(opts.pending ? { pending: opts.pending } : {}) });
  if (!view) return [];
  return gradeConfirmationCards({
    ...view,
    ...(opts.confirmedBy ? { confirmed: { by: opts.confirmedBy } } : {}),
    lang,
  });
}
