import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database";
import { members, type Group } from "../db/schema";
import type { OutboundMessage } from "../outbox/message";
import { indexScheme, type Scheme } from "../domain/scheme";
import type { Lang, MessageBody } from "../app/ports";
import { displayName } from "../app/scores";

/** One key per rater, kind and person: sending the month's cards twice sends nothing new. */
export const reviewKey = (month: string, kind: string, raterUserId: string, subjectId = "") =>
  `review:${month}:${kind}:${raterUserId}${subjectId ? `:${subjectId}` : ""}`;

export interface ReviewMessage {
  to: OutboundMessage["to"];
  rendered: MessageBody;
  key: string;
}

/** One 月评议 card as data: cards/review.ts renders it (a peer card may take several messages). */
export interface ReviewCardModel {
  kind: "leader" | "self" | "peer";
  groupId: string;
  groupName: string;
  month: string;
  subject?: { id: string; name: string };
  colleagues?: { id: string; name: string }[];
  dimensions: { key: string; name: string; weight: number }[];
  lang: Lang;
}

/** Renders a 月评议 card model: one message, or (peer cards of a large group) several. */
export type ReviewRenderer = (model: ReviewCardModel) => MessageBody[];

/**
 * 月评议 for a group's month (the monthly-review job, and 评议 sending them by hand); it renders
 * the review cards, so it sits with the jobs, above cards/: a card per member to each leader, and, where the
 * scheme has those rater groups, a self card and a peer card to each member.
 */
export async function reviewMessages(
  db: Database,
  group: Group,
  month: string,
  scheme: Scheme,
  render: ReviewRenderer,
): Promise<ReviewMessage[]> {
  const people = await db
    .select()
    .from(members)
    .where(and(eq(members.groupId, group.id), eq(members.active, true)));
  // A dimension computed from the records (出勤) is not asked for.
  const rated = new Set(
    indexScheme(scheme)
      .leaves.filter((l) => !l.node.source)
      .map((l) => l.top.key),
  );
  const dimensions = scheme.dimensions
    .filter((d) => rated.has(d.key))
    .map((d) => ({ key: d.key, name: d.name, weight: d.weight }));
  // A group tied to some items (raterScope: 病人满意度 to the 群众, 同行评价 to colleagues, 篇8 line 174) is asked
  // for those alone: a score it gave for another item would count nowhere.
  const scoped = (kind: string) => {
    const scope = scheme.raterScope[kind];
    return scope ? dimensions.filter((d) => scope.includes(d.key)) : dimensions;
  };
  const base = { groupId: group.id, groupName: group.name, month, lang: "zh" as const };
  const out: ReviewMessage[] = [];
  for (const leader of people.filter((p) => p.role === "leader")) {
    for (const m of people.filter((p) => p.id !== leader.id)) {
      out.push({
        to: { type: "open_id", id: leader.userId },
        rendered: render({
          ...base,
          dimensions: scoped("leader"),
          kind: "leader",
          subject: { id: m.id, name: displayName(m) },
        })[0]!,
        key: reviewKey(month, "leader", leader.userId, m.id),
      });
    }
  }
  for (const m of people) {
    if ("self" in scheme.raters) {
      out.push({
        to: { type: "open_id", id: m.userId },
        rendered: render({
          ...base,
          dimensions: scoped("self"),
          kind: "self",
          subject: { id: m.id, name: displayName(m) },
        })[0]!,
        key: reviewKey(month, "self", m.userId),
      });
    }
    if ("peer" in scheme.raters && people.length > 1) {
      // A group larger than one card's choice gets several peer cards; the first keeps the key it always had.
      const colleagues = people.filter((p) => p.id !== m.id).map((p) => ({ id: p.id, name: displayName(p) }));
      render({ ...base, dimensions: scoped("peer"), kind: "peer", colleagues }).forEach((rendered, i) => {
        out.push({
          to: { type: "open_id", id: m.userId },
          rendered,
          key: reviewKey(month, "peer", m.userId) + (i ? `:${i + 1}` : ""),
        });
      });
    }
  }
  return out;
}
