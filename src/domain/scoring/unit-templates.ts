/**
 * Unit schemes the seeds name (篇5 lines 95–98), to start from with 「单位方案 使用 <名称>」. Weights the seed gives are
 * kept; where it names the items but not their weights, they are equal, for the office to change.
 */
import type { UnitSchemeJson } from "./unit-scheme";

export interface UnitTemplate {
  id: string;
  name: string;
  source: string;
  scheme: UnitSchemeJson;
}

export const unitTemplates: readonly UnitTemplate[] = [
  {
    id: "village",
    name: "村",
    // 篇5 line 95: 「镇对村考核。主要考核经济发展、社会管理、党的建设、社会稳定四项」 (no weights given: equal).
    source: "篇5 第95行 镇对村考核（四项，原文未给权重，暂按各 25%）",
    scheme: {
      name: "镇对村考核",
      dimensions: [
        { key: "economy", name: "经济发展", weight: 25 },
        { key: "society", name: "社会管理", weight: 25 },
        { key: "party", name: "党的建设", weight: 25 },
        { key: "stability", name: "社会稳定", weight: 25 },
      ],
      pay: { basis: "total" },
    },
  },
  {
    id: "stationed",
    name: "驻镇单位",
    // 篇5 line 98: 「工作配合占20%，社会评价占20%，干部学习占10%，业务工作占50%」.
    source: "篇5 第98行 镇对驻镇单位考核（工作配合 20%、社会评价 20%、干部学习 10%、业务工作 50%）",
    scheme: {
      name: "镇对驻镇单位考核",
      dimensions: [
        { key: "cooperation", name: "工作配合", weight: 20 },
        { key: "social", name: "社会评价", weight: 20 },
        { key: "study", name: "干部学习", weight: 10 },
        { key: "business", name: "业务工作", weight: 50 },
      ],
    },
  },
  {
    id: "office",
    name: "机关单位",
    // 篇5 line 96: 「主要考核各单位联村工作、业务工作、单位管理、党的建设和对外宣传」 (no weights given: equal).
    source: "篇5 第96行 镇对单位考核（五项，原文未给权重，暂按各 20%）",
    scheme: {
      name: "镇对单位考核",
      dimensions: [
        { key: "village", name: "联村工作", weight: 20 },
        { key: "business", name: "业务工作", weight: 20 },
        { key: "management", name: "单位管理", weight: 20 },
        { key: "party", name: "党的建设", weight: 20 },
        { key: "publicity", name: "对外宣传", weight: 20 },
      ],
      // 篇5 line 96: 「计算出干部绩效总得分，同比例计算出各干部的绩效工资」: within the unit, by the total.
      pay: { basis: "total" },
    },
  },
];

export const findUnitTemplate = (name: string): UnitTemplate | undefined =>
  unitTemplates.find((t) => t.name === name || t.id === name.toLowerCase() || t.scheme.name === name);
