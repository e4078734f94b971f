/** 篇1: a factory's year of 绩效考核. It names what front-line staff are scored on and gives no weights. */
import { AWARDS, capped, EXTRA_CAP, grades, type SchemeTemplate } from "./common";

export const enterpriseStaff: SchemeTemplate = {
  id: "enterprise",
  name: "企业员工",
  description:
    "企业一线员工：质量 30%、产量 30%、执行力 20%、成本 20%；领导（班长、质量主管）评分；部门绩效校正；" +
    "优秀名额 20% 为示例",
  source:
    "篇1 第6行「一线员工的质量考核、产量考核、执行力考核和成本考核」，考核数据按日提取；第14行「逐步引入部门绩效，" +
    "对不同部门工作绩效结果进一步校正」",
  note:
    "篇1 没有给权重：质量、产量各 30%，执行力、成本各 20% 是起点，请按本企业细则修改。管理（计时）员工按第6行考核" +
    "工作内容，可把维度换成本岗位的工作内容。部门绩效校正已打开（第14行）：绩考办录入部门绩效后，全员排名按它校正。",
  scheme: {
    rules: 2,
    name: "企业员工",
    dimensions: [
      capped("quality", "质量", 30),
      capped("output", "产量", 30),
      capped("execution", "执行力", 20),
      capped("cost", "成本", 20),
    ],
    // 篇1 line 7: the data come from 厂长、班长和质量主管; no rater weights are given, so the leaders score.
    raters: { leader: 100 },
    departmentCalibration: true,
    extraCap: EXTRA_CAP,
    awards: AWARDS,
    grades: grades({ excellent: "20%" }),
    rankingVisibility: "top",
  },
};
