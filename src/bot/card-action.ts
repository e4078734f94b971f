import type { z } from "zod";
import type { Lang } from "../../cards/kit";
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
}

export interface CardAction<V = unknown> {
  /** The `a` field of the button's value routes the callback here. */
  name: string;
  value: z.ZodType<V>;
  handle(ctx: CardActionContext<V>): Promise<CardActionAnswer>;
  /**
   * When the writes lose a race (another click committed the same decision
   * first, caught by a unique key), the answer to give instead. Nothing of
   * this click is written but its dedupe marker.
   */
  onConflict?(ctx: CardActionContext<V>): Promise<CardActionAnswer>;
}

export function defineCardAction<V>(action: CardAction<V>): CardAction<V> {
  return action;
}
