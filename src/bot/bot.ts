import { eq, or, sql } from "drizzle-orm";
import { buttonActionId, buttonLang } from "../../cards/action";
import type { Lang, Rendered } from "../../cards/kit";
import { refreshWelcome, welcomeFacts, welcomeKey, type WelcomeFacts } from "../app/welcome";
import {
  addMember,
  deactivateGroup,
  findGroup,
  findGroupAndMember,
  groupAndMember,
  homeGroup,
  registerGroup,
  syncGroupMembers,
} from "../app/groups";
import type { BatchItem } from "../db/database";
import { preparedPer, preparedWrite } from "../db/prepared";
import { constraintFailure, type ConstraintFailure } from "../db/constraint";
import { isDataError } from "../domain/data-error";
import { processedEvents, type Group, type Member } from "../db/schema";
import type { ImageSpec } from "../outbox/message";
import { queueFor } from "../outbox/queue";
import { MAX_RECORD_CHARS } from "../app/records";
import { membersJoined, membersLeft } from "../app/membership";
import { localDate } from "../domain/dates";
import { charCount } from "../domain/text";
import type { CardAction, CardActionContext } from "./card-action";
import type { Command } from "./command";
import type { BotDeps } from "./deps";
import { argumentIssueMessage } from "./arg-messages";
import { createRouter, MAX_MESSAGE_CHARS, type Match } from "./router";
import type {
  BotAddedUpdate,
  BotRemovedUpdate,
  CardActionAnswer,
  CardActionUpdate,
  MembersJoinedUpdate,
  MembersLeftUpdate,
  MessageUpdate,
  Update,
} from "./update";
import { Work } from "./work";

export interface BotReplies {
  /** The welcome card; `read` once the group's members are read (the card is then updated in place). */
  welcome(lang: Lang, read?: WelcomeFacts): Rendered;
  help(lang: Lang): Rendered;
  unknown(word: string, suggestion: Command<unknown> | undefined, lang: Lang): Rendered;
  /** Small talk ("你好"): a friendly pointer to 帮助. */
  greeting(lang: Lang): Rendered;
  /** Plain text in a group that reads like a day's work: offered as a 日报, with a button that files it for the sender. */
  suggestRecord(
    source: { text: string; messageId: string; senderId: string; chatId: string; date: string },
    lang: Lang,
  ): Rendered;
  /** A message too long to read at all. */
  tooLong(chars: number, max: number, lang: Lang): Rendered;
  notInGroup(lang: Lang): Rendered;
  unsupported(type: string, lang: Lang): Rendered;
  invalidArgs(command: Command<unknown>, problem: string, lang: Lang): Rendered;
  failure(lang: Lang): Rendered;
  /** The stored data is at fault (src/app/data-error.ts): said so, and that the administrator knows. */
  dataProblem(lang: Lang): Rendered;
  /** A card button whose work failed: the toast says so (card callbacks are never retried by Lark). */
  actionFailed(lang: Lang, dataProblem: boolean): string;
  cardExpired(lang: Lang): string;
  cardDone(lang: Lang): string;
}

export interface BotOptions {
  deps: BotDeps;
  commands: readonly Command<unknown>[];
  /** What plain text in private chat means (today's record). */
  fallback: Command<unknown>;
  cardActions: readonly CardAction<unknown>[];
  replies: BotReplies;
  /** What a file someone sends means (a roster to import); without it files are "unsupported". */
  fileCommand?: Command<unknown>;
}

export interface Outcome {
  duplicate: boolean;
  answer?: CardActionAnswer;
  /** Work to run after the HTTP answer (member sync…); the caller then drains the outbox. */
  after: (() => Promise<void>)[];
}

const DUPLICATE: Outcome = { duplicate: true, after: [] };

/** How a failure of each kind of update is named in the log (the names the operators search for). */
const FAILED: Record<Update["kind"], string> = {
  message: "command failed",
  card_action: "card action failed",
  bot_added: "bot added failed",
  bot_removed: "bot removed failed",
  members_joined: "members joined failed",
  members_left: "members left failed",
  ignored: "ignored update failed",
};

/**
 * Whether a failed commit batch was a duplicate delivery: our own dedupe marker, the batch's first
 * statement, broke its unique key. Read from the driver's error code (src/db/constraint.ts).
 */
function isDuplicate(failure: ConstraintFailure | null): boolean {
  return failure?.statementIndex === 0 && (failure.kind === "unique" || failure.kind === "unspecified");
}

/** Every update's dedupe marker: prepared once (src/db/prepared.ts); no message id is a NULL, as the builder gives. */
export const insertMarker = preparedWrite<{
  eventId: string;
  messageId: string | null;
  kind: string;
  receivedAt: Date;
}>((db) =>
  db
    .insert(processedEvents)
    .values({
      eventId: sql.placeholder("eventId"),
      messageId: sql.placeholder("messageId"),
      kind: sql.placeholder("kind"),
      receivedAt: sql.placeholder("receivedAt"),
    })
    .prepare(),
);

/** Whether an update was handled already (card clicks ask first): prepared once (src/db/prepared.ts). */
const seenEvent = preparedPer((db) =>
  db
    .select({ id: processedEvents.eventId })
    .from(processedEvents)
    .where(eq(processedEvents.eventId, sql.placeholder("eventId")))
    .limit(1)
    .prepare(),
);
const seenEventOrMessage = preparedPer((db) =>
  db
    .select({ id: processedEvents.eventId })
    .from(processedEvents)
    .where(
      or(
        eq(processedEvents.eventId, sql.placeholder("eventId")),
        eq(processedEvents.messageId, sql.placeholder("messageId")),
      ),
    )
    .limit(1)
    .prepare(),
);

export function createBot(opts: BotOptions) {
  const { deps, replies } = opts;
  /** A data error is logged as such, with its group and period, so it can be found and fixed. */
  const logFailure = (message: string, error: unknown, fields: Record<string, unknown>) =>
    isDataError(error)
      ? deps.log.error("data error", { ...fields, ...error.fields, during: message })
      : deps.log.error(message, { ...fields, error: String(error) });
  const { db } = deps;
  const route = createRouter(opts.commands, opts.fallback);
  const actions = new Map(opts.cardActions.map((a) => [a.name, a]));

  async function seen(eventId: string, messageId?: string): Promise<boolean> {
    const hit = messageId
      ? await seenEventOrMessage(db).all({ eventId, messageId })
      : await seenEvent(db).all({ eventId });
    return hit.length > 0;
  }

  /**
   * Commits the update's writes with its dedupe marker first: if another
   * delivery of the same event or message committed meanwhile, the marker's
   * unique key fails the whole batch and this delivery changes nothing.
   */
  async function commit(
    marker: { eventId: string; messageId?: string; kind: string },
    work: Work,
    now: Date,
    group?: Group,
  ): Promise<boolean> {
    const items: BatchItem[] = [
      insertMarker(db, {
        eventId: marker.eventId,
        messageId: marker.messageId ?? null,
        kind: marker.kind,
        receivedAt: now,
      }),
      ...work.writes,
      // Answers go back where the update came from; src/outbox/queue.ts says where the rest goes.
      ...(await queueFor(db, group, work.messages, now, deps.platform)),
    ];
    try {
      await db.batch(items as [BatchItem, ...BatchItem[]]);
      return true;
    } catch (error) {
      if (isDuplicate(constraintFailure(error))) return false;
      throw error;
    }
  }

  /** Reads the group's members after the answer, then says so on its welcome card. */
  function syncLater(work: Work, group: Group) {
    work.defer(async () => {
      const now = deps.clock.now();
      await syncGroupMembers(db, deps.directory, group, now);
      await welcomeLater(group, now);
    });
  }

  /** The welcome card's member count brought up to date (Lark updates a sent card in place). */
  async function welcomeLater(group: Group, now: Date) {
    if (deps.platform === "lark")
      await refreshWelcome(db, group.chatId, replies.welcome("zh", await welcomeFacts(db, group.id)), now);
  }

  /** The group and member a message is about, registering them when first seen. */
  async function resolveScope(
    update: MessageUpdate,
    work: Work,
    now: Date,
  ): Promise<{ group: Group; member: Member } | undefined> {
    const linked = await deps.linkedScope?.(update, work, now);
    if (linked) return linked;
    if (update.chatType === "p2p") return homeGroup(db, deps.platform, update.tenantKey, update.senderId);
    const found = await findGroupAndMember(db, deps.platform, update.chatId, update.senderId);
    let group = found?.group;
    if (!group || !group.active) {
      // We missed (or never got) the bot.added event: register now, read members after.
      const key = { platform: deps.platform, tenantKey: update.tenantKey, chatId: update.chatId };
      const reg = registerGroup(db, key, { timezone: deps.defaultTimezone, now, existing: group });
      work.write(reg.write);
      group = reg.group;
      syncLater(work, group);
    }
    let member = found?.member ?? undefined;
    if (!member) {
      const added = addMember(db, group.id, update.senderId, now);
      work.write(added.write);
      member = added.member;
      if (group.syncedAt) syncLater(work, group); // a newcomer: refresh names and roles
    }
    // The members were never read (the first read failed, e.g. a missing permission): try again.
    if (found?.group.active && !group.syncedAt) syncLater(work, group);
    return { group, member };
  }

  /** Text that is no command: small talk, a record offered with a button, or the closest command. */
  async function answerUnknown(
    update: MessageUpdate,
    match: Extract<Match, { kind: "unknown" }>,
    reply: (body: Rendered) => void,
  ) {
    const { lang } = match;
    if (match.chatter === "greeting") return reply(replies.greeting(lang));
    if (match.chatter === "record" && charCount(match.text) <= MAX_RECORD_CHARS) {
      // The day the text was written, so a click tomorrow does not file it as tomorrow's work.
      const group = await findGroup(db, { platform: deps.platform, chatId: update.chatId });
      const date = localDate(deps.clock.now(), group?.timezone ?? deps.defaultTimezone);
      return reply(
        replies.suggestRecord(
          { text: match.text, messageId: update.messageId, senderId: update.senderId, chatId: update.chatId, date },
          lang,
        ),
      );
    }
    reply(replies.unknown(match.word, match.suggestion, lang));
  }

  async function onMessage(update: MessageUpdate): Promise<Outcome> {
    // No look-up for duplicates first: the dedupe marker in the commit batch decides, and
    // duplicates are rare enough that handling one twice (then discarding it) costs less
    // than a query on every message.
    const now = deps.clock.now();
    const work = new Work(`m:${update.messageId}`);
    const reply = (body: { card?: object; text: string; image?: ImageSpec }) =>
      work.send({ type: "reply", id: update.messageId, chatId: update.chatId }, body);
    const match = matchOf(update);
    const lang = match.lang;
    let group: Group | undefined;
    if (update.unsupportedType && !(update.file && opts.fileCommand))
      reply(replies.unsupported(update.unsupportedType, lang));
    else if (match.kind === "empty") reply(replies.help(lang));
    else if (match.kind === "tooLong") reply(replies.tooLong(match.chars, MAX_MESSAGE_CHARS, lang));
    else if (match.kind === "unknown") await answerUnknown(update, match, reply);
    else {
      const scope = await resolveScope(update, work, now);
      group = scope?.group;
      if (!scope) reply(replies.notInGroup(lang));
      else {
        const parsed = match.command.args(lang).safeParse(match.rest, { error: argumentIssueMessage(lang) });
        if (!parsed.success) reply(replies.invalidArgs(match.command, parsed.error.issues[0]?.message ?? "", lang));
        else await match.command.handle({ deps, update, lang, args: parsed.data, now, ...scope, work, reply });
      }
    }
    const fresh = await commit(
      { eventId: update.eventId, messageId: update.messageId, kind: "message" },
      work,
      now,
      group,
    );
    return fresh ? { duplicate: false, after: work.after } : DUPLICATE;
  }

  /** The group a click is about and the clicker's membership, as for a message; never another tenant's group. */
  async function resolveCardScope<V>(action: CardAction<V>, value: V, update: CardActionUpdate) {
    const groupId = await action.groupOf(deps, value);
    const found = groupId ? await groupAndMember(db, groupId, update.operatorId) : undefined;
    return found && found.group.tenantKey === update.tenantKey ? found : undefined;
  }

  function matchOf(update: MessageUpdate): ReturnType<typeof route> {
    return update.file && opts.fileCommand
      ? { kind: "command", command: opts.fileCommand, rest: "", lang: "zh" }
      : route(update.text, update.chatType);
  }

  /** A failed message gets an apology in its chat; the message is remembered as handled. */
  async function messageFailed(update: MessageUpdate, error: unknown): Promise<Outcome> {
    const apology = new Work(`m:${update.messageId}`);
    const lang = matchOf(update).lang;
    apology.send(
      { type: "reply", id: update.messageId, chatId: update.chatId },
      isDataError(error) ? replies.dataProblem(lang) : replies.failure(lang),
    );
    const marker = { eventId: update.eventId, messageId: update.messageId, kind: "message" };
    return (await commit(marker, apology, deps.clock.now())) ? { duplicate: false, after: [] } : DUPLICATE;
  }

  const cardLang = (update: CardActionUpdate): Lang => buttonLang(update.value);

  async function onCardAction(update: CardActionUpdate): Promise<Outcome> {
    const lang = cardLang(update);
    if (await seen(update.eventId))
      return { ...DUPLICATE, answer: { toast: { type: "info", content: replies.cardDone(lang) } } };
    const now = deps.clock.now();
    const work = new Work(`c:${update.eventId}`);
    const actionId = buttonActionId(update.value);
    const action = actionId ? actions.get(actionId) : undefined;
    const value = action?.read(update.value);
    if (!action || !value?.success) {
      const fresh = await commit({ eventId: update.eventId, kind: "card_action" }, work, now);
      return {
        duplicate: !fresh,
        answer: { toast: { type: "warning", content: replies.cardExpired(lang) } },
        after: [],
      };
    }
    // A failure here goes to the one error path below (`failed.card_action`): a toast, never a 500.
    let ctx: CardActionContext<unknown> | undefined;
    let answer: CardActionAnswer | undefined;
    const scope = await resolveCardScope(action, value.data, update);
    if (scope) {
      ctx = { deps, update, value: value.data, lang, now, work, ...scope };
      answer = await action.handle(ctx);
    } else answer = { toast: { type: "warning", content: action.notFound(lang) } };
    try {
      const fresh = await commit({ eventId: update.eventId, kind: "card_action" }, work, now);
      if (!fresh) return { ...DUPLICATE, answer: { toast: { type: "info", content: replies.cardDone(lang) } } };
      return { duplicate: false, answer, after: work.after };
    } catch (error) {
      if (!action.onConflict || !ctx || !constraintFailure(error)) throw error;
      // Someone else's click won; answer with theirs, and remember this event.
      const lost = { ...ctx, work: new Work(work.keyPrefix) };
      const conflictAnswer = await action.onConflict(lost);
      await commit({ eventId: update.eventId, kind: "card_action" }, lost.work, now);
      return { duplicate: false, answer: conflictAnswer, after: [] };
    }
  }

  /**
   * Never a 500 to Lark for a click (card callbacks are not retried): the person sees why in the
   * toast, and the click is remembered.
   */
  async function cardActionFailed(update: CardActionUpdate, error: unknown): Promise<Outcome> {
    const fresh = await commit(
      { eventId: update.eventId, kind: "card_action" },
      new Work(`c:${update.eventId}`),
      deps.clock.now(),
    );
    return {
      duplicate: !fresh,
      answer: { toast: { type: "error", content: replies.actionFailed(cardLang(update), isDataError(error)) } },
      after: [],
    };
  }

  async function onBotAdded(update: BotAddedUpdate): Promise<Outcome> {
    if (await seen(update.eventId)) return DUPLICATE;
    const now = deps.clock.now();
    const work = new Work(`g:${update.eventId}`);
    const key = { platform: deps.platform, tenantKey: update.tenantKey, chatId: update.chatId };
    const existing = await findGroup(db, key);
    const reg = registerGroup(db, key, { timezone: existing?.timezone ?? deps.defaultTimezone, now, existing });
    work.write(reg.write);
    work.send({ type: "chat_id", id: update.chatId }, replies.welcome("zh"), welcomeKey(update.chatId, update.eventId));
    const group = reg.group;
    syncLater(work, group);
    return (await commit({ eventId: update.eventId, kind: "bot_added" }, work, now))
      ? { duplicate: false, after: work.after }
      : DUPLICATE;
  }

  async function onBotRemoved(update: BotRemovedUpdate): Promise<Outcome> {
    if (await seen(update.eventId)) return DUPLICATE;
    const now = deps.clock.now();
    const work = new Work(`g:${update.eventId}`);
    const group = await findGroup(db, { platform: deps.platform, chatId: update.chatId });
    if (group) work.write(deactivateGroup(db, group.id));
    return (await commit({ eventId: update.eventId, kind: "bot_removed" }, work, now))
      ? { duplicate: false, after: [] }
      : DUPLICATE;
  }

  /**
   * People added to or gone from a group chat: the roster follows at once (src/app/membership.ts).
   * A chat the bot is not in (unknown, stopped, another tenant's) is answered and left alone.
   */
  async function onMembers(update: MembersJoinedUpdate | MembersLeftUpdate): Promise<Outcome> {
    if (await seen(update.eventId)) return DUPLICATE;
    const now = deps.clock.now();
    const group = await findGroup(db, { platform: deps.platform, chatId: update.chatId });
    if (!group?.active || group.tenantKey !== update.tenantKey) return { duplicate: false, after: [] };
    const work = new Work(`g:${update.eventId}`);
    const by = update.operatorId ?? null;
    const change =
      update.kind === "members_joined"
        ? await membersJoined(db, group, { people: update.people, by, now })
        : await membersLeft(db, group, {
            userIds: update.people.map((p) => p.userId),
            reason: update.reason,
            by,
            now,
          });
    work.write(...change.writes);
    // Never read yet (the first read failed): read the whole list now; else the card's count follows.
    if (!group.syncedAt) syncLater(work, group);
    else if (change.code === "changed") work.defer(() => welcomeLater(group, deps.clock.now()));
    return (await commit({ eventId: update.eventId, kind: update.kind }, work, now, group))
      ? { duplicate: false, after: work.after }
      : DUPLICATE;
  }

  /** What handles each kind of update. */
  const handlers: { [K in Update["kind"]]: (update: Extract<Update, { kind: K }>) => Promise<Outcome> } = {
    message: onMessage,
    card_action: onCardAction,
    bot_added: onBotAdded,
    bot_removed: onBotRemoved,
    members_joined: onMembers,
    members_left: onMembers,
    ignored: async () => ({ duplicate: false, after: [] }),
  };

  /**
   * What someone is told when handling their update failed. A group's bot added/removed has nobody
   * to tell: the failure is logged and thrown, so the platform delivers the event again.
   */
  const failed: { [K in Update["kind"]]?: (update: Extract<Update, { kind: K }>, error: unknown) => Promise<Outcome> } =
    { message: messageFailed, card_action: cardActionFailed };

  /** Where an update is: its ids, for the log. */
  const whereOf = (update: Update): Record<string, unknown> => ({
    kind: update.kind,
    ...("eventId" in update ? { eventId: update.eventId } : {}),
    ...(update.kind === "message" ? { messageId: update.messageId } : {}),
    // The button's action by today's readable key or the old `a`, so the log names it either way.
    ...(update.kind === "card_action" && buttonActionId(update.value) ? { action: buttonActionId(update.value) } : {}),
  });

  return {
    /** The one error path: every kind of update that fails is logged here, then answered as `failed` says. */
    async handle(update: Update): Promise<Outcome> {
      try {
        return await (handlers[update.kind] as (u: Update) => Promise<Outcome>)(update);
      } catch (error) {
        logFailure(FAILED[update.kind], error, whereOf(update));
        const answer = failed[update.kind] as ((u: Update, e: unknown) => Promise<Outcome>) | undefined;
        if (!answer) throw error;
        return answer(update, error);
      }
    },
  };
}

export type Bot = ReturnType<typeof createBot>;
