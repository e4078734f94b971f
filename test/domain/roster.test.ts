import { describe, expect, test } from "vitest";
import { decodeCsv, parseCsv } from "../../src/domain/csv";
import { describeProblem, parseEffective, parseRoster, termOn, withTermsOn } from "../../src/domain/roster";

describe("csv", () => {
  test("quotes, doubled quotes, commas and line breaks inside fields, CRLF, a BOM", () => {
    const text = '\ufeff姓名,部门,备注\r\n"张,三",办公室,"他说""好"""\r\n李四,办公室,"两\n行"\n';
    expect(parseCsv(text)).toEqual([
      ["姓名", "部门", "备注"],
      ["张,三", "办公室", '他说"好"'],
      ["李四", "办公室", "两\n行"],
    ]);
  });

  test("UTF-8, and GB18030 as Excel saves CSV in a Chinese locale", () => {
    expect(decodeCsv(new TextEncoder().encode("姓名,部门"))).toBe("姓名,部门");
    // "姓名" in GB18030 (GBK): D0 D5 C3 FB
    expect(decodeCsv(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toBe("姓名");
  });
});

describe("roster", () => {
  test("reads the four columns under any of their usual headers; empty coefficient is 1", () => {
    const r = parseRoster([
      ["", ""],
      ["姓名", "科室", "职务", "岗位系数"],
      ["张三", "综合办公室", "科员", "1.042"],
      [],
      ["李四", "综合办公室", "", null],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { row: 3, name: "张三", group: "综合办公室", position: "科员", coefficient: 1.042 },
      { row: 5, name: "李四", group: "综合办公室", position: null, coefficient: 1 },
    ]);
    expect(r.labels).toEqual({ name: "姓名", group: "科室" });
  });

  test("names every bad row with its row and column", () => {
    const r = parseRoster([
      ["姓名", "部门", "岗位", "系数"],
      ["张三", "办公室", "科员", "abc"],
      ["", "办公室", "科员", 1],
      ["王五", "", "科员", 0],
      ["赵六", "办公室", "科员", 99],
      ["张三", "办公室", "科员", 1],
    ]);
    expect(r.problems.map(describeProblem)).toEqual([
      "第 2 行「系数」：「abc」不是数字",
      "第 3 行「姓名」：姓名为空",
      "第 4 行「部门」：部门为空",
      "第 4 行「系数」：系数 0 不在 0.5～3 之间（如规模系数 1.042、1.083；1 为基准），可能填错了列",
      "第 5 行「系数」：系数 99 不在 0.5～3 之间（如规模系数 1.042、1.083；1 为基准），可能填错了列",
    ]);
    // The bad first 张三 is not a row, so the second is no duplicate; a good duplicate is.
    expect(
      parseRoster([
        ["姓名", "部门"],
        ["张三", "办公室"],
        ["张三", "办公室"],
      ]).problems.map(describeProblem),
    ).toEqual(["第 3 行「姓名」：与第 2 行重复（同一部门的「张三」）"]);
  });

  test("a file without the name or group column, or without people, says so", () => {
    expect(
      parseRoster([
        ["名字X", "岗位"],
        ["张三", "科员"],
      ]).problems.map(describeProblem),
    ).toEqual([
      "第 1 行：表头缺少「姓名」列（可写：姓名、名字、人员）",
      "第 1 行：表头缺少「部门」列（可写：部门、群、群名、群组、科室、单位、分组）",
    ]);
    expect(parseRoster([]).problems.map(describeProblem)).toEqual(["第 1 行：文件是空的"]);
    expect(parseRoster([["姓名", "部门"]]).problems.map(describeProblem)).toEqual(["第 2 行：表头下面没有人员"]);
  });
});

describe("岗变酬变 (篇9 line 218): terms by the day they take effect", () => {
  test("生效日期 as the office writes it, or as Excel stores a date cell", () => {
    expect(parseEffective("2026-12-01")).toBe("2026-12-01");
    expect(parseEffective("2026/12/1")).toBe("2026-12-01");
    expect(parseEffective("2026年12月1日")).toBe("2026-12-01");
    expect(parseEffective(46357)).toBe("2026-12-01"); // Excel's serial for 2026-12-01
    expect(parseEffective(null)).toBeUndefined();
    expect(parseEffective("下个月")).toBe("「下个月」不是日期（写作 2026-12-01）");
    expect(parseEffective("2026-02-30")).toBe("「2026-02-30」不是日期（写作 2026-12-01）");
    const r = parseRoster([
      ["姓名", "部门", "系数", "生效日期"],
      ["张三", "综合办公室", "1.083", "2026-12-01"],
      ["李四", "综合办公室", "1.042", "明天"],
    ]);
    expect(r.rows).toEqual([
      { row: 2, name: "张三", group: "综合办公室", position: null, coefficient: 1.083, effectiveFrom: "2026-12-01" },
    ]);
    expect(r.problems.map(describeProblem)).toEqual(["第 3 行「生效日期」：「明天」不是日期（写作 2026-12-01）"]);
  });

  test("a month takes the term in force on the date asked; the same day, the later one given", () => {
    // 篇5 line 95: the size coefficients 1.042 and 1.083.
    const terms = [
      { effectiveFrom: "0001-01-01", coefficient: 1, position: null },
      { effectiveFrom: "2026-11-02", coefficient: 1.083, position: "村支书" },
      { effectiveFrom: "2026-12-01", coefficient: 1.042, position: "副书记" },
      { effectiveFrom: "2026-12-01", coefficient: 1.083, position: "村支书" },
    ];
    expect(termOn(terms, "2026-10-31")?.coefficient).toBe(1);
    expect(termOn(terms, "2026-11-30")?.coefficient).toBe(1.083);
    expect(termOn(terms, "2026-12-31")).toBe(terms[3]);
    expect(termOn(terms.slice(1), "2026-10-31")).toBeUndefined();
    const people = [
      { id: "a", coefficient: 1.5, position: "旧" },
      { id: "b", coefficient: 2, position: null },
    ];
    expect(withTermsOn(people, new Map([["a", terms]]), "2026-11-30")).toEqual([
      { id: "a", coefficient: 1.083, position: "村支书" },
      { id: "b", coefficient: 2, position: null },
    ]);
  });
});
