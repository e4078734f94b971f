/**
 * The survey page inside workerd: the same Hono route the Node server serves, the QR encoder
 * bundled for Workers, the answer written to libSQL over HTTP. The survey is put in the database
 * directly (as the 问卷 command's batch would), under a chat of its own.
 */
import { createClient } from "@libsql/client/web";
import { exports } from "cloudflare:workers";
import { expect, inject, test } from "vitest";

/** larkChatId("worker_survey"), larkOpenId("w_survey_leader"), groupIdFor("lark", that chat), written out. */
const CHAT = "oc_72dc34445cb9ad6e3bc622a229a12376";
const LEADER = "ou_1bda5ae09673fea1e8e242a51c7ebb23";
const GROUP = "grp_98e1844363c38c2fc93b975be84dd2cb";
const KEY = "5e1f0c2a9b7d4e3f8a6c1b0d2e4f6a8c";
const CODE = "K7M2Q9X4TW";

const page = (path: string, init?: RequestInit) =>
  exports.default.fetch(new Request(`https://bot.example/survey/${KEY}${path}`, init));

test("the survey page answers, takes one answer per code and draws its QR code on Workers", async () => {
  const db = createClient({ url: inject("hranaUrl") });
  await db.batch(
    [
      {
        sql:
          "insert into groups (id, platform, tenant_key, chat_id, name, timezone) " +
          "values (?, 'lark', '37cf8de427a07b59', ?, '窗口科', 'Asia/Shanghai')",
        args: [GROUP, CHAT],
      },
      {
        sql:
          "insert into surveys (id, group_id, seq, period, dimension, title, source, min_sample, public_key, " +
          "print_key, by_user_id) values ('svy_worker', ?, 1, '2026-11', 'image', '窗口科 · 公众形象', 'page', 1, ?, ?, ?)",
        args: [GROUP, KEY, "f".repeat(32), LEADER],
      },
      { sql: "insert into survey_codes (survey_id, code) values ('svy_worker', ?)", args: [CODE] },
    ],
    "write",
  );

  const form = await page(`?c=${CODE}`);
  expect(form.status).toBe(200);
  expect(form.headers.get("content-type")).toContain("text/html");
  const html = await form.text();
  expect(html).toContain("您对「窗口科 · 公众形象」的工作是否满意？");
  expect(html).toContain("K7M2Q-9X4TW");

  const post = (body: string) =>
    page("", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  const bad = await post("code=K7M2Q9X4TW&choice=best");
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("请选择满意、基本满意或不满意中的一项");
  const ok = await post("code=k7m2q-9x4tw&choice=fair&comment=%E5%BE%88%E5%A5%BD");
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain("提交成功");
  const again = await post("code=K7M2Q9X4TW&choice=good");
  expect(again.status).toBe(409);

  const rows = await db.execute("select choice, comment from survey_codes where survey_id = 'svy_worker'");
  expect(rows.rows.map((r) => [r.choice, r.comment])).toEqual([["fair", "很好"]]);

  const poster = await page("/qr");
  expect(poster.status).toBe(200);
  const svg = await poster.text();
  expect(svg).toContain(`https://bot.example/survey/${KEY}`);
  expect(svg).toMatch(/<svg [^>]*viewBox="0 0 \d+ \d+"/);
  db.close();
});
