import { describe, expect, it } from "vitest";
import { goalPlanCard, MAX_TARGET_LINES } from "../../cards/goal-plan";
import { cardBytes, countElements, fitsLark, MAX_ELEMENTS } from "../../cards/kit";
import { targetBulletinCard } from "../../cards/target-bulletin";
import type { BulletinRow } from "../../src/app/goal-bulletin";
import { DEFAULT_CURVE } from "../../src/domain/targets/curve";

const row = (seq: number): BulletinRow => ({
  seq,
  owner: "欧阳晓明",
  indicator: "重点项目建设与招商引资",
  title: `完成第${seq}批重点项目可研报告编制并通过专家评审共12个`.slice(0, 100),
  direction: "at_least",
  planned: 12,
  unit: "个",
  deadline: "2026-12-31",
  standard: null,
  curve: DEFAULT_CURVE,
  period: "2026",
  due: 9,
  done: 7,
  status: "behind",
  point: { rate: 77.78, score: 77.78, bonusPct: 0 },
  approved: true,
});

describe("target cards at their largest (a year's 500 targets)", () => {
  const rows = Array.from({ length: 500 }, (_, i) => row(i + 1));
  it("the 目标计划书 lists the first targets and says how many more, within Lark's limits", () => {
    const r = goalPlanCard({
      planId: "gpl_0000000000000000000000",
      no: 1,
      period: "2026",
      groupName: "示范单位·业务一科",
      proposer: "陈科长",
      rows,
      state: { kind: "pending" },
      audience: "office",
      lang: "zh",
    });
    expect(fitsLark(r.card)).toBe(true);
    expect(cardBytes(r.card)).toBeLessThan(30_000);
    expect(countElements(r.card)).toBeLessThan(MAX_ELEMENTS);
    expect(r.text).toContain(`目标${MAX_TARGET_LINES} ·`);
    expect(r.text).not.toContain(`目标${MAX_TARGET_LINES + 1} ·`);
    expect(r.text).toContain(`……另有 ${500 - MAX_TARGET_LINES} 个目标，发「目标」查看全部`);
    // The curve is the standard where the leader wrote none.
    expect(r.text).toContain(
      "完成率≥100% 得满分，超额每 1% 加该项分值的 1%（至多 20%）；60%–100% 按完成率计分；低于 60% 不得分",
    );
  });

  it("the quarter's 通报 too", () => {
    const r = targetBulletinCard({ groupName: "示范单位·业务一科", quarter: "2026-Q4", rows, lang: "zh" });
    expect(fitsLark(r.card)).toBe(true);
    expect(r.text).toContain("本群 500 个目标：0 个达标，500 个滞后或超限。");
    expect(r.text).toContain("目标1 · 欧阳晓明 · 【重点项目建设与招商引资】");
    expect(r.text).toContain("完成 7 / 应完成 9（全期计划 12个） ⚠️ 滞后，计 77.78 分");
  });
});
