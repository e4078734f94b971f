/**
 * Ready-made schemes from the reports digested in DOMAIN.md §2 and §3. They are starting points:
 * the appraisal office copies one and edits weights and quotas to its own rules.
 */
import type { SchemeJson } from "./schema";

export interface SchemeTemplate {
  id: string;
  name: string;
  description: string;
  scheme: SchemeJson;
}

/** §5: bonus on an item at most 20% of its points; extra points at most 3 in total. */
const BONUS_CAP_PCT = 20;
const EXTRA_CAP = 3;
/** §5: places 1, 2, 3 receive 900, 600, 300 yuan (said of villages and units). */
const PRIZES = [900, 600, 300];
/** §2: national / provincial / city / county awards add 5 / 3 / 2 / 1 points. */
const AWARDS = { national: 5, provincial: 3, city: 2, county: 1 };

/** Five levels as in §3; `top` sets the quotas of the two best (a share of people, or a head count). */
function grades(top: { excellent: number | `${number}%`; good?: number | `${number}%` }) {
  return [
    { name: "优秀", min: 90, quota: top.excellent },
    top.good === undefined ? { name: "良好", min: 80 } : { name: "良好", min: 80, quota: top.good },
    { name: "合格", min: 70 },
    { name: "基本合格", min: 60 },
    { name: "不合格", min: 0 },
  ];
}

const capped = (key: string, name: string, weight: number) => ({ key, name, weight, bonusCapPct: BONUS_CAP_PCT });

export const schemeTemplates: readonly SchemeTemplate[] = [
  {
    id: "unit-staff",
    name: "单位干部",
    description: "镇机关及镇属单位干部：联村工作 40%、单位业务 40%、单位管理学习作风 20%（§5）",
    scheme: {
      name: "单位干部",
      dimensions: [
        capped("village", "联村工作", 40),
        capped("business", "单位业务", 40),
        capped("conduct", "单位管理学习作风", 20),
      ],
      raters: { leader: 60, peer: 30, self: 10 },
      extraCap: EXTRA_CAP,
      awards: AWARDS,
      grades: grades({ excellent: "20%" }),
      rankingVisibility: "top",
    },
  },
  {
    id: "section-leader",
    name: "中层干部",
    description:
      "中层（站所）负责人：分管工作 60%、联村工作 30%、个人学习及出勤 10%（§5）；先民主测评再由领导评分（§6）",
    scheme: {
      name: "中层干部",
      dimensions: [
        capped("charge", "分管工作", 60),
        capped("village", "联村工作", 30),
        capped("study", "个人学习及出勤", 10),
      ],
      raters: { leader: 60, peer: 40 },
      extraCap: EXTRA_CAP,
      awards: AWARDS,
      grades: grades({ excellent: "20%" }),
      rankingVisibility: "top",
    },
  },
  {
    id: "stationed-unit",
    name: "驻镇单位",
    description:
      "驻镇单位：工作配合 20%、社会评价 20%、干部学习 10%、业务工作 50%；优秀 5 名、良好 5 名，以分数高低确定；前三名奖 900/600/300 元（§5）",
    scheme: {
      name: "驻镇单位",
      dimensions: [
        capped("cooperation", "工作配合", 20),
        capped("reputation", "社会评价", 20),
        capped("study", "干部学习", 10),
        capped("business", "业务工作", 50),
      ],
      raters: { leader: 70, public: 30 },
      extraCap: EXTRA_CAP,
      awards: AWARDS,
      grades: grades({ excellent: 5, good: 5 }),
      prizes: PRIZES,
      rankingVisibility: "full",
    },
  },
  {
    id: "village",
    name: "村（社区）",
    description:
      "镇对村考核：经济发展、社会管理、党的建设、社会稳定各 25%；人口规模系数 1.042 / 1.083 设在成员上；前三名奖 900/600/300 元（§5）",
    scheme: {
      name: "村（社区）",
      dimensions: [
        capped("economy", "经济发展", 25),
        capped("governance", "社会管理", 25),
        capped("party", "党的建设", 25),
        capped("stability", "社会稳定", 25),
      ],
      extraCap: EXTRA_CAP,
      awards: AWARDS,
      grades: grades({ excellent: 5, good: 5 }),
      prizes: PRIZES,
      rankingVisibility: "full",
    },
  },
  {
    id: "civil-servant",
    name: "公务员",
    description: "公务员：公共部分 30%（学习情况、工作纪律、工作作风）+ 本职工作部分 70%（履职、目标任务）（§15）",
    scheme: {
      name: "公务员",
      dimensions: [
        {
          ...capped("common", "公共部分", 30),
          children: [
            { key: "learning", name: "学习情况", weight: 30 },
            { key: "discipline", name: "工作纪律", weight: 40 },
            { key: "style", name: "工作作风", weight: 30 },
          ],
        },
        {
          ...capped("duty", "本职工作部分", 70),
          children: [
            { key: "performance", name: "履职", weight: 50 },
            { key: "targets", name: "目标任务", weight: 50 },
          ],
        },
      ],
      raters: { leader: 50, peer: 40, self: 10 },
      extraCap: EXTRA_CAP,
      awards: AWARDS,
      // Not from the reports: civil-service appraisal practice keeps 优秀 to about 15% of those assessed.
      grades: grades({ excellent: "15%" }),
      rankingVisibility: "top",
    },
  },
];
