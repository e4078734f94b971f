/**
 * The Lark mock in its own process for the broadcast benchmark, so that its
 * clock (and its rate limits) are not delayed by the sender's event loop, as
 * Lark's are not. argv: app id, app secret, number of groups, members per group.
 * Prints {"url": …} when ready.
 */
import { startMockLarkServer } from "../src/channels/local/mock-lark";
import { BENCH_APP, benchChatId, benchOpenId } from "./ids";

const [appId = BENCH_APP.appId, appSecret = BENCH_APP.appSecret, groupsArg = "1000", perGroupArg = "1"] =
  process.argv.slice(2);
const server = await startMockLarkServer({ apps: [{ appId, appSecret, botOpenId: BENCH_APP.botOpenId }] });
for (let g = 0; g < Number(groupsArg); g++) {
  const people = Array.from({ length: Number(perGroupArg) }, (_, i) => ({
    openId: benchOpenId(g, i),
    name: `成员${g}-${i}`,
  }));
  for (const p of people) server.mock.addUser(p);
  server.mock.addChat({ chatId: benchChatId(g), name: `第${g}组`, ownerOpenId: people[0]!.openId, members: people });
}
console.log(JSON.stringify({ url: server.url }));
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
