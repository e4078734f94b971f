/**
 * The scheme a group that never chose one has been scored with: the 单位干部 template as it was before issue 13,
 * kept byte for byte (rules 1). Every result such a group was ever published with came from it, so it stays its
 * default and those results keep their figures; the 方案 card tells the group it runs on the old rules and how to
 * take up a template of the seeds' rules (「方案 使用 单位干部」).
 */
import type { SchemeTemplate } from "./templates";

const capped = (key: string, name: string, weight: number) => ({ key, name, weight, bonusCapPct: 20 });

export const LEGACY_DEFAULT_TEMPLATE: SchemeTemplate = {
  id: "unit-staff",
  name: "单位干部",
  description: "镇机关及镇属单位干部：联村工作 40%、单位业务 40%、单位管理学习作风 20%（§5）",
  source: "篇5 第96行 镇对单位考核：联村工作40%、单位业务40%、单位管理干部学习作风建设20%",
  scheme: {
    name: "单位干部",
    dimensions: [
      capped("village", "联村工作", 40),
      capped("business", "单位业务", 40),
      capped("conduct", "单位管理学习作风", 20),
    ],
    raters: { leader: 60, peer: 30, self: 10 },
    extraCap: 3,
    awards: { national: 5, provincial: 3, city: 2, county: 1 },
    grades: [
      { name: "优秀", min: 90, quota: "20%" },
      { name: "良好", min: 80 },
      { name: "合格", min: 70 },
      { name: "基本合格", min: 60 },
      { name: "不合格", min: 0 },
    ],
    rankingVisibility: "top",
  },
};
