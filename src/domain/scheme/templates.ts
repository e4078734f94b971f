/**
 * Ready-made schemes from the seed reports (篇N + line). They are starting points: the appraisal office copies one
 * and edits weights and quotas to its own rules. Every template is "rules": 2 (types.ts RulesVersion) and carries
 * only what the seeds say: no invented rater weights (issue 13 item 7), no invented score thresholds (item 3). Each
 * names its passage (`source`); where the passage gives no figure (篇4, 篇6, 篇8 and 篇1 give no weights), its `note`
 * says which seed practice the figures follow and that they are a starting point (issue 14 item 6).
 */
import { AWARDS, capped, EXTRA_CAP, grades, PRIZES, type SchemeTemplate } from "./templates/common";
import { enterpriseStaff } from "./templates/enterprise";
import { hospitalStaff } from "./templates/hospital";
import { deNengQinJiLian, deQinNengJi, schoolTeacher } from "./templates/school";

export type { SchemeTemplate } from "./templates/common";

export const schemeTemplates: readonly SchemeTemplate[] = [
  {
    id: "unit-staff",
    name: "单位干部",
    description:
      "镇机关及镇属单位干部：联村工作 40%、单位业务 40%、单位管理学习作风 20%（篇5）；领导评分；优秀名额 20% 为示例，请按本单位规定修改",
    source: "篇5 第96行 镇对单位考核：联村工作40%、单位业务40%、单位管理干部学习作风建设20%",
    scheme: {
      rules: 2,
      name: "单位干部",
      dimensions: [
        capped("village", "联村工作", 40),
        capped("business", "单位业务", 40),
        capped("conduct", "单位管理学习作风", 20),
      ],
      // 篇5 line 96 gives the dimensions' weights and no rater groups: the unit's leaders score.
      raters: { leader: 100 },
      extraCap: EXTRA_CAP,
      awards: AWARDS,
      // Not from the seeds: an example quota the office replaces with its own.
      grades: grades({ excellent: "20%" }),
      rankingVisibility: "top",
    },
  },
  {
    id: "section-leader",
    name: "中层干部",
    description:
      "中层（站所）负责人：分管工作 60%、联村工作 30%、个人学习及出勤 10%（篇5）；先在全体职工中民主测评，再由领导参考测评结果评分，领导评分为得分（篇6）；优秀名额 20% 为示例",
    source:
      "篇5 第97行 镇对科级领导考核：分管工作60%、联村工作30%、个人学习及出勤10%；篇6 第122行 中层干部先民测、再由领导评分",
    scheme: {
      rules: 2,
      name: "中层干部",
      dimensions: [
        capped("charge", "分管工作", 60),
        capped("village", "联村工作", 30),
        capped("study", "个人学习及出勤", 10),
      ],
      // 篇6 line 122: 「中层干部考核先在全体教职工中进行民测，然后由分管领导、主要领导进行评分」: the 民测 comes first and
      // is shown to the leaders; the leaders' score is the score.
      raters: { peer: 0, leader: 100 },
      raterSequence: ["peer", "leader"],
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
      "驻镇单位：工作配合 20%、社会评价 20%、干部学习 10%、业务工作 50%；优秀 5 名、良好 5 名，以分数高低确定；年度前三名奖 900/600/300 元（篇5）",
    source:
      "篇5 第98行 镇对驻镇单位考核：工作配合20%、社会评价20%、干部学习10%、业务工作50%，优秀5名、良好5名；第101行 前三名奖900、600、300元",
    scheme: {
      rules: 2,
      name: "驻镇单位",
      dimensions: [
        capped("cooperation", "工作配合", 20),
        capped("reputation", "社会评价", 20),
        capped("study", "干部学习", 10),
        capped("business", "业务工作", 50),
      ],
      // 社会评价 is itself the public's dimension (篇5 line 98); nothing records public ratings yet, so the office's
      // leaders enter it. Once public ratings are recorded, tie them to it: "raterScope": { "public": ["reputation"] }.
      raters: { leader: 100 },
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
      "镇对村考核：经济发展、社会管理、党的建设、社会稳定各 25%；人口规模系数 1.042 / 1.083 设在成员上，只用于分配工资，不改变得分和名次；年度前三名奖 900/600/300 元（篇5）",
    source:
      "篇5 第95行 镇对村考核：经济发展、社会管理、党的建设、社会稳定，人口规模系数1.042、1.083；第101行 前三名奖900、600、300元",
    scheme: {
      rules: 2,
      name: "村（社区）",
      // 篇5 line 95: the coefficient weights the pay split, 「总工资除以各村总得分（…乘以1.042和1.083）再乘以各村得分」.
      coefficient: "pay",
      dimensions: [
        capped("economy", "经济发展", 25),
        capped("governance", "社会管理", 25),
        capped("party", "党的建设", 25),
        capped("stability", "社会稳定", 25),
      ],
      extraCap: EXTRA_CAP,
      awards: AWARDS,
      // 篇5 sets no grades for villages (only 驻镇单位 has 优秀5名、良好5名, line 98): the office adds its own.
      prizes: PRIZES,
      rankingVisibility: "full",
    },
  },
  {
    id: "civil-servant",
    name: "公务员",
    description:
      "公务员：公共部分 30%（学习情况、工作纪律、工作作风）+ 本职工作部分 70%（履职、目标任务）（篇15）；领导评分；优秀名额 15% 为示例",
    source:
      "篇15 第371行 公共部分（学习情况、工作纪律、工作作风）与本职工作部分（履行职能职责、目标任务），侧重本职工作",
    scheme: {
      rules: 2,
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
      // 篇15 gives the parts and no rater weights: the leaders score.
      raters: { leader: 100 },
      extraCap: EXTRA_CAP,
      awards: AWARDS,
      // Not from the reports: civil-service appraisal practice keeps 优秀 to about 15% of those assessed.
      grades: grades({ excellent: "15%" }),
      rankingVisibility: "top",
    },
  },
  deNengQinJiLian,
  deQinNengJi,
  schoolTeacher,
  hospitalStaff,
  enterpriseStaff,
];
