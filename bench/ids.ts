/** Ids of the shapes Lark documents (prefix + 32 lowercase hex), shared by the bench and its mock process. */
export const benchChatId = (g: number) => `oc_${g.toString(16).padStart(32, "0")}`;
export const benchOpenId = (g: number, i: number) =>
  `ou_${i.toString(16).padStart(8, "0")}${g.toString(16).padStart(24, "0")}`;
export const BENCH_APP = { appId: "cli_a0b1c2d3e4f50617", appSecret: "s", botOpenId: benchOpenId(0xffffff, 0xffff) };
