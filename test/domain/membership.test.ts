import { describe, expect, test } from "vitest";
import { planJoin, planLeave, type KnownMember } from "../../src/domain/membership";
import { larkOpenId } from "../support/ids";

const ZHANG = larkOpenId("zhang");
const LI = larkOpenId("li");
const WANG = larkOpenId("wang");
const ZHAO = larkOpenId("zhao");

const row = (userId: string, name: string, over: Partial<KnownMember> = {}): KnownMember => ({
  id: `mem_${userId.slice(3)}`,
  userId,
  name,
  active: true,
  leftOn: null,
  movedTo: null,
  ...over,
});

describe("planJoin: who is added, who comes back, who stays as they are", () => {
  test("someone new is added; someone active under the same name is already there", () => {
    const plan = planJoin(
      [row(ZHANG, "张三")],
      [
        { userId: ZHANG, name: "张三" },
        { userId: WANG, name: "王五" },
      ],
    );
    expect(plan.add).toEqual([{ userId: WANG, name: "王五" }]);
    expect(plan.present.map((m) => m.userId)).toEqual([ZHANG]);
    expect([plan.back, plan.renamed, plan.stayMoved, plan.external]).toEqual([[], [], [], []]);
  });

  test("someone who left the chat comes back on the same row, keeping their old name when the event has none", () => {
    const gone = row(LI, "李四", { active: false, leftOn: "2026-11-02" });
    const plan = planJoin([gone], [{ userId: LI, name: "" }]);
    expect(plan.back).toEqual([{ member: gone, name: "李四" }]);
    expect(plan.add).toEqual([]);
  });

  test("someone the roster moved to another group stays moved (the roster decides departments)", () => {
    const moved = row(ZHANG, "张三", { active: false, leftOn: "2026-11-01", movedTo: "grp_finance" });
    const plan = planJoin([moved], [{ userId: ZHANG, name: "张三" }]);
    expect(plan.stayMoved).toEqual([moved]);
    expect([plan.add, plan.back]).toEqual([[], []]);
  });

  test("a person first seen by a message (no name yet) gets the event's name", () => {
    const unnamed = row(WANG, "");
    expect(planJoin([unnamed], [{ userId: WANG, name: "王五" }]).renamed).toEqual([{ member: unnamed, name: "王五" }]);
  });

  test("someone of another organisation is left off the roster; one named twice counts once", () => {
    const plan = planJoin(
      [],
      [
        { userId: ZHAO, name: "赵六", external: true },
        { userId: WANG, name: "王五" },
        { userId: WANG, name: "王五" },
      ],
    );
    expect(plan.external.map((p) => p.userId)).toEqual([ZHAO]);
    expect(plan.add.map((p) => p.userId)).toEqual([WANG]);
  });
});

describe("planLeave: only someone active here leaves; the rest is as it was", () => {
  test("active → leaves; already inactive (moved, or a repeated event) → untouched; never here → unknown", () => {
    const moved = row(ZHANG, "张三", { active: false, leftOn: "2026-11-01", movedTo: "grp_finance" });
    const plan = planLeave([moved, row(LI, "李四")], [LI, ZHANG, WANG, LI]);
    expect(plan.leave.map((m) => m.userId)).toEqual([LI]);
    expect(plan.gone).toEqual([moved]);
    expect(plan.unknown).toEqual([WANG]);
  });
});
