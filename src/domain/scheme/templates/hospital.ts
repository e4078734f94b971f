/** 篇8: a county hospital's 绩效管理, 2013. It names what pay follows and gives no weights. */
import { AWARDS, capped, EXTRA_CAP, grades, type SchemeTemplate } from "./common";

export const hospitalStaff: SchemeTemplate = {
  id: "hospital",
  name: "医院职工",
  description:
    "医院职工：医疗质量与安全 35%、工作量 25%、经济指标与成本 10%（领导评分）、病人满意度 20%（群众：问卷或测评" +
    "票数）、同行评价 10%（同事互评）；岗位系数只用于分配奖金；优秀名额 20% 为示例",
  source:
    "篇8 第164行「提高医疗质量、医疗安全、和创造效益」；第169行 完成经济指标、节支；第170行 向工作量大、工作风险高、" +
    "技术性强的临床一线岗位倾斜；第172行 按岗设酬、岗位系数；第174行「把绩效分配与工作质量、病人满意度、同行评价相挂钩」",
  note:
    "篇8 没有给权重：维度依第174行的工作质量、病人满意度、同行评价，加上第170行的工作量和第169行的经济指标，权重是" +
    "起点，请按本院细则修改。岗位系数设在成员上，按篇5 第95行的分配公式只用于奖金，不改变得分和名次。篇8 第165行的" +
    "二、三级指标（责任主体、完成时效、考核标准）可作为子项导入。",
  scheme: {
    rules: 2,
    name: "医院职工",
    // 篇8 line 172: 「按不同岗位工作性质设置不同岗位系数」, used in the pay split as 篇5 line 95 does.
    coefficient: "pay",
    dimensions: [
      capped("quality", "医疗质量与安全", 35),
      capped("workload", "工作量", 25),
      capped("economy", "经济指标与成本", 10),
      capped("patients", "病人满意度", 20),
      capped("peers", "同行评价", 10),
    ],
    raters: { leader: 100, public: 100, peer: 100 },
    raterScope: { leader: ["quality", "workload", "economy"], public: ["patients"], peer: ["peers"] },
    extraCap: EXTRA_CAP,
    awards: AWARDS,
    grades: grades({ excellent: "20%" }),
    rankingVisibility: "top",
  },
};
