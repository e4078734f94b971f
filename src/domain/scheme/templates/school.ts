/**
 * Templates for schools (篇4, 篇6): a head's 德能勤绩廉, a primary school's 德勤能绩, and a teachers' scheme with
 * 学期测评. The seeds name the parts and give no weights for them; each note says what the weights follow.
 */
import { AWARDS, capped, EXTRA_CAP, grades, type SchemeTemplate } from "./common";

/** 篇4: a primary school head's annual report, one heading per letter of 德能勤绩廉. */
export const deNengQinJiLian: SchemeTemplate = {
  id: "de-neng-qin-ji-lian",
  name: "德能勤绩廉",
  description:
    "德·思想品德 20%、能·业务能力 15%、勤·勤勉敬业 15%、绩·工作实绩 40%、廉·廉洁自律 10%（篇4 五个方面）；" +
    "领导评分；优秀名额 15% 为示例",
  source: "篇4 第64行「以德立身」、第68行「以能修身」、第72行「以勤塑身」、第76行「以绩省身」、第83行「以廉正身」",
  note:
    "篇4 按德、能、勤、绩、廉五方面总结一年工作，没有给权重：绩 40% 依篇6 第115行「重点关注结果」，德 20% 依篇6 " +
    "第138行（师德师风给予特别权重），其余平分；权重是起点，请按本单位规定修改。篇4 第74行的请假、出勤归入勤。" +
    "优秀 15% 不是出自材料，而是公务员年度考核的常见比例。",
  scheme: {
    rules: 2,
    name: "德能勤绩廉",
    dimensions: [
      capped("de", "德·思想品德", 20),
      capped("neng", "能·业务能力", 15),
      capped("qin", "勤·勤勉敬业", 15),
      capped("ji", "绩·工作实绩", 40),
      capped("lian", "廉·廉洁自律", 10),
    ],
    // 篇4 lines 66 and 84 say the head 「自觉接受班子和群众监督」 and give no rater weights: the leaders score.
    raters: { leader: 100 },
    extraCap: EXTRA_CAP,
    awards: AWARDS,
    grades: grades({ excellent: "15%" }),
    rankingVisibility: "top",
  },
};

/** 篇6 line 122: 云和县实验小学's teachers' scheme in four blocks. */
export const deQinNengJi: SchemeTemplate = {
  id: "de-qin-neng-ji",
  name: "德勤能绩",
  description:
    "教师德勤能绩考核：德·教师职业道德 25%、勤·教学常规 20%、能·业务能力 15%、绩·教学成绩 40%（篇6）；" +
    "领导评分；优秀名额 20% 为示例",
  source: "篇6 第122行 云和县实验小学「分为德、勤、能、绩4大块内容，将教师职业道德、教学常规、教学成绩等一一罗列其中」",
  note:
    "篇6 没有给四块的权重：依第115行「重点关注结果」和第138行（教育教学质量、师德师风给予特别权重），把绩、德定得" +
    "较重，是起点，请按本校方案修改。",
  scheme: {
    rules: 2,
    name: "德勤能绩",
    dimensions: [
      capped("de", "德·教师职业道德", 25),
      capped("qin", "勤·教学常规", 20),
      capped("neng", "能·业务能力", 15),
      capped("ji", "绩·教学成绩", 40),
    ],
    raters: { leader: 100 },
    extraCap: EXTRA_CAP,
    awards: AWARDS,
    // Not from the reports: an example quota the school replaces with its own.
    grades: grades({ excellent: "20%" }),
    rankingVisibility: "top",
  },
};

/**
 * 篇6 line 115: 「平时有记载、学期有测评、年终有考核」. 平时: the months, rated item by item. 学期测评: each semester's
 * 测评 is a separately rated part (scheme `yearReviews`, the same mechanism as 篇9's 半年综合管理评价), so it stays out
 * of the months and quarters. The school year (`schoolYear`, domain/school-year.ts) is a period of its own: 学年
 * September–August (篇6 line 143 「学年度绩效考核」), 第一学期 September–January with its 测评 rated in January,
 * 第二学期 February–August with its 测评 rated by July; a semester = 平时各月平均 × 80% + its 测评 × 20%, the school
 * year = the months × 60% + each 测评 × 20%. The calendar year stays the pay year (篇4 line 79 「2012年度绩效工资考核
 * 实施方案」, 篇6 line 121 「年终绩效考核奖」): its total (four quarters 60% + the 测评 given in it) decides prizes and
 * the pool; the semester and school year rank and grade but pay nothing.
 */
export const schoolTeacher: SchemeTemplate = {
  id: "school-teacher",
  name: "学校教师",
  description:
    "中小学教师：师德师风 20%、日常教学工作 30%、教辅工作 10%、工作实绩 30%（领导评分）、家长学生评价 10%" +
    "（群众：问卷或测评票数）；平时按月评分，第一学期测评、第二学期测评各按 20% 计入年度总分，四个季度合占 60%；" +
    "优秀名额 20% 为示例",
  source:
    "篇6 第115行「平时有记载、学期有测评、年终有考核」；第122行 云和二中「注重日常教学工作、教辅工作和工作实绩」；" +
    "第138行 教育教学质量、师德师风给予特别权重；第142行 学生评价、家长评价；第143行「学年度绩效考核」",
  note:
    "篇6 没有给各项和学期测评的权重，这些数字是起点，请按本校方案修改。学年（9月—次年8月，篇6 第143行「学年度绩效" +
    "考核」）分两个学期：第一学期 9月—次年1月，测评在1月评；第二学期 2—8月，测评在7月评（发「评分 @某人 第一学期测评 90」）。" +
    "学期成绩 = 平时各月平均 × 80% + 本学期测评 × 20%，学年成绩 = 各月平均 × 60% + 两次测评各 20%；发「成绩 学期」「成绩 学年」" +
    "查看，「导出 2025-2026学年」导出，每学期结束后（2月、9月第一个工作日）私发学期成绩单。名次奖和年终奖金仍按自然年度" +
    "（篇4 第79行「2012年度绩效工资考核实施方案」、篇6 第121行「年终绩效考核奖」）：年度总分 = 四个季度 60% + 当年评的测评。" +
    '篇6 第122行「再由校考核小组评定等级」：需要时在方案里加 "confirmGrades": true。',
  scheme: {
    rules: 2,
    name: "学校教师",
    dimensions: [
      capped("ethics", "师德师风", 20),
      capped("teaching", "日常教学工作", 30),
      capped("support", "教辅工作", 10),
      capped("results", "工作实绩", 30),
      capped("parents", "家长学生评价", 10),
    ],
    // 篇6 line 142: parents and students rate too (评价主体多元化); their votes come in as the 群众 (public) group.
    raters: { leader: 100, public: 100 },
    raterScope: { leader: ["ethics", "teaching", "support", "results"], public: ["parents"] },
    yearReviews: [
      { key: "term1", name: "第一学期测评", weight: 20 },
      { key: "term2", name: "第二学期测评", weight: 20 },
    ],
    // 学年 September–August, 第二学期 from February; the two 测评 above are the semesters' own.
    schoolYear: { start: 9, secondTerm: 2, reviews: ["term1", "term2"] },
    extraCap: EXTRA_CAP,
    awards: AWARDS,
    grades: grades({ excellent: "20%" }),
    rankingVisibility: "top",
  },
};
