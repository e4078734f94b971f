import type { z } from "zod";
import type { ButtonAction } from "../../cards/action";
import type { Lang } from "../../cards/kit";
import type { Group, Member } from "../db/schema";
import type { BotDeps } from "./deps";
import type { CardActionAnswer, CardActionUpdate } from "./update";
import type { Work } from "./work";

export interface CardActionContext<V> {
  deps: BotDeps;
  update: CardActionUpdate;
  value: V;
  lang: Lang;
  now: Date;
  work: Work;
  /** The group the click is about (found by the action's `groupOf`), always the clicker's tenant's. */
  group: Group;
  /** The clicker's membership in that group, active or not; undefined when they are no member. */
  member: Member | undefined;
}

export interface CardAction<V = unknown> {
  /** The action's id, as its button carries it (cards/action.ts). */
  name: string;
  /** Reads the clicked button's value (today's keys or the one-letter keys of before). */
  read(raw: Record<string, unknown>): z.ZodSafeParseResult<V>;
  /** The id of the group a click is about, from its value: a claim's group, a report card's group… */
  groupOf(deps: BotDeps, value: V): Promise<string | undefined>;
  /** The toast when that group is not found here (or is another tenant's): "找不到这条申报" and the like. */
  notFound(lang: Lang): string;
  handle(ctx: CardActionContext<V>): Promise<CardActionAnswer>;
  /**
   * When the writes lose a race (another click committed the same decision
   * first, caught by a unique key), the answer to give instead. Nothing of
   * this click is written but its dedupe marker.
   */
  onConflict?(ctx: CardActionContext<V>): Promise<CardActionAnswer>;
}

/** Declares the handler of a button declared beside its card: the button gives the id and the value's shape. */
export function defineCardAction<V>(
  def: { button: ButtonAction<V> } & Omit<CardAction<V>, "name" | "read">,
): CardAction<V> {
  const { button, ...action } = def;
  return { ...action, name: button.id, read: (raw) => button.read(raw) };
}
