import { alreadyFiledAnswer, suggestionAnswer, suggestionGroupGone } from "../cards/record-suggestion-answer";
import { fileSuggestedRecordButton } from "../cards/record-suggestion";
import { fileSuggestedRecord, filedSuggestion, suggestionGroupId } from "../src/app/suggested-record";
import { applyResult } from "../src/bot/apply";
import { defineCardAction } from "../src/bot/card-action";

/** 「记为日报」 on the suggestion the bot gives plain text in a group: the sender's record of that day. */
export const fileSuggestedRecordAction = defineCardAction({
  button: fileSuggestedRecordButton,
  groupOf: (deps, value) => suggestionGroupId(deps.db, deps.platform, value.chat),
  notFound: suggestionGroupGone,
  async handle(ctx) {
    const { group, member, now, value: suggestion } = ctx;
    const operatorUserId = ctx.update.operatorId;
    const result = await fileSuggestedRecord(ctx.deps.db, { group, member, operatorUserId, suggestion, now });
    if (result.ok) applyResult(ctx.work, result);
    return suggestionAnswer(result, suggestion.date, ctx.lang);
  },
  // Two clicks at once: the other one filed it.
  onConflict: async (ctx) => alreadyFiledAnswer(await filedSuggestion(ctx.deps.db, ctx.value.message), ctx.lang),
});
