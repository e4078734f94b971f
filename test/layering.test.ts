import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  commandsReachingTheDatabase,
  importGraph,
  importsOf,
  layerOf,
  layeringViolations,
  queuingPastTheRouting,
  sourceTexts,
  type ImportEdge,
} from "./support/import-graph";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

describe("the checker, on small graphs", () => {
  test("an import down the layers passes; one running up fails, naming both files", () => {
    expect(
      layeringViolations([
        edge("src/app/claims.ts", "src/db/schema.ts"),
        edge("src/bot/bot.ts", "src/app/groups.ts"),
        edge("src/http.ts", "src/channels/lark/webhook.ts"),
        edge("src/app/claims.ts", "drizzle-orm"),
      ]),
    ).toEqual([]);
    expect(
      layeringViolations([
        edge("src/app/corrections.ts", "src/jobs/quarterly-report.ts"),
        edge("src/domain/dates.ts", "src/db/schema.ts", true),
        edge("src/channels/wechat/bridge.ts", "src/node/outbox-loop.ts"),
      ]),
    ).toEqual([
      { from: "src/app/corrections.ts", to: "src/jobs/quarterly-report.ts", rule: "app imports jobs" },
      { from: "src/domain/dates.ts", to: "src/db/schema.ts", rule: "domain imports db" },
      { from: "src/channels/wechat/bridge.ts", to: "src/node/outbox-loop.ts", rule: "channels imports top" },
    ]);
  });

  test("cards render: domain and view-model types from src/app, never the database, the outbox or app code", () => {
    expect(
      layeringViolations([
        edge("cards/detail.ts", "src/app/detail.ts", true),
        edge("cards/report-card.ts", "src/domain/periods.ts"),
        edge("cards/report-card.ts", "cards/kit.ts"),
        edge("src/jobs/quarterly-report.ts", "cards/report-card.ts"),
      ]),
    ).toEqual([]);
    expect(
      layeringViolations([
        edge("cards/detail.ts", "src/app/detail.ts"),
        edge("cards/x.ts", "src/db/schema.ts", true),
        edge("cards/x.ts", "src/outbox/message.ts", true),
        edge("cards/x.ts", "src/bot/update.ts", true),
        edge("src/app/targets.ts", "cards/kit.ts", true),
      ]).map((v) => v.rule),
    ).toEqual([
      "cards import only types (view models) from src/app",
      "cards never import db",
      "cards never import outbox",
      "cards imports bot",
      "app imports cards",
    ]);
  });

  test("a command file importing drizzle-orm (or a subpath) or the schema is found; others are not", () => {
    expect(
      commandsReachingTheDatabase([
        edge("commands/a.ts", "drizzle-orm"),
        edge("commands/b.ts", "drizzle-orm/sqlite-core", true),
        edge("commands/c.ts", "src/db/schema.ts", true),
        edge("commands/d.ts", "src/app/claims.ts"),
        edge("src/app/claims.ts", "drizzle-orm"),
      ]),
    ).toEqual(["commands/a.ts", "commands/b.ts", "commands/c.ts"]);
  });

  test("import specifiers are read from statements, type-only ones marked; imports quoted in comments are not", () => {
    const text = [
      'import { and, eq } from "drizzle-orm";',
      'import type { Group } from "../db/schema";',
      "import {",
      "  type Lang,",
      "  type Rendered,",
      '} from "./kit";',
      'import { t, type Lang as L } from "../domain/lang";',
      'export { quarterLabel } from "../domain/periods";',
      'import "./side-effect";',
      '// import { x } from "../jobs/run";',
      ' * import { y } from "../bot/bot";',
      'const m = await import("./lazy");',
    ].join("\n");
    expect(importsOf(text)).toEqual([
      { specifier: "drizzle-orm", typeOnly: false },
      { specifier: "../db/schema", typeOnly: true },
      { specifier: "./kit", typeOnly: true },
      { specifier: "../domain/lang", typeOnly: false },
      { specifier: "../domain/periods", typeOnly: false },
      { specifier: "./side-effect", typeOnly: false },
      { specifier: "./lazy", typeOnly: false },
    ]);
  });

  test("a file outside src/outbox importing or calling a row builder is found; the outbox and comments are not", () => {
    const file = (path: string, ...lines: string[]) => ({ path, text: lines.join("\n") });
    expect(
      queuingPastTheRouting([
        // The late-confirmed path as it was before d5d4235: Lark only, linked WeChat rooms skipped.
        file(
          "src/jobs/publish-confirmed.ts",
          'import { enqueueRows, type OutboundMessage } from "../outbox/message";',
          "await deps.db.batch(messages.flatMap((m) => enqueueRows(deps.db, m, now, group.platform)));",
        ),
        file("src/app/claims.ts", 'import * as outbox from "../outbox/message";', "outbox.queuedRows(db, m, now);"),
        file("src/bot/bot.ts", 'import { queueFor } from "../outbox/queue";', "// not enqueueRows: it skips routing"),
        file("commands/x.ts", "/**", " * Queued with queueFor, never queuedRows or enqueueRows.", " */"),
        file("src/outbox/queue.ts", 'import { queuedRows } from "./message";', "queuedRows(db, m, now, channel);"),
        file("src/outbox/message.ts", "export function enqueueRows() {}"),
      ]),
    ).toEqual([
      { path: "src/jobs/publish-confirmed.ts", name: "enqueueRows" },
      { path: "src/app/claims.ts", name: "queuedRows" },
    ]);
  });

  test("every folder of ours has its layer", () => {
    expect(
      [
        "src/domain/dates.ts",
        "src/db/schema.ts",
        "src/outbox/queue.ts",
        "src/app/claims.ts",
        "cards/kit.ts",
        "src/bot/bot.ts",
        "src/jobs/run.ts",
        "commands/record.ts",
        "src/channels/wechat/bridge.ts",
        "src/http.ts",
        "src/node/start.ts",
        "src/worker/meter.ts",
        "src/assemble.ts",
      ].map(layerOf),
    ).toEqual([
      "domain",
      "db",
      "outbox",
      "app",
      "cards",
      "bot",
      "jobs",
      "commands",
      "channels",
      "top",
      "top",
      "top",
      "top",
    ]);
  });
});

describe("the repository's import graph", () => {
  const graph = importGraph(ROOT);

  test("is read: every layer's files and their imports are in it", () => {
    const layers = new Set(graph.map((e) => layerOf(e.from)));
    expect([...layers].sort()).toEqual(
      ["domain", "db", "outbox", "app", "cards", "bot", "jobs", "commands", "channels", "top"].sort(),
    );
    expect(graph).toContainEqual(edge("src/bot/bot.ts", "src/outbox/queue.ts"));
  });

  test("no import runs up the layers: domain < db < outbox < app < cards < bot < jobs < commands < channels < top", () => {
    expect(layeringViolations(graph)).toEqual([]);
  });

  test("no command file imports drizzle-orm or the schema: commands reach the database through src/app", () => {
    expect(commandsReachingTheDatabase(graph)).toEqual([]);
  });

  test("no file outside src/outbox imports or calls enqueueRows (or queuedRows): routing stays in queueFor", () => {
    const files = sourceTexts(ROOT);
    // Read: the builders' own file and the one outbox file that uses them are among the texts.
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(["src/outbox/message.ts", "src/outbox/queue.ts"]));
    expect(queuingPastTheRouting(files)).toEqual([]);
  });
});
