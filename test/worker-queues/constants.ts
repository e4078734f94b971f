/** Shared by the Node-side setup and the fan-out test inside workerd. */
export const FAN_OUT = {
  app: { appId: "cli_a7f3c91e20b4d00c", appSecret: "fan-out-secret", botOpenId: "ou_5f0d6a3e8c2b4f17a9e1d7c6b3a20f48" },
  token: "fan-out-verification-token",
  encryptKey: "fan-out-encrypt-key",
  adminToken: "fan-out-admin-token",
  /** The scales measured (docs/BENCHMARKS.md), each a separate set of groups; FAN_OUT_SCALES=10,100 runs fewer. */
  scales: [10, 100, 1000] as number[],
  /** The mock's (and the pacer's) app-wide limits: raised from Lark's 50/s and 1000/min so 2,220 sends take seconds, not minutes. */
  limits: { appPerSecond: 400, appPerMinute: 24_000 },
  sendLimits: "400/s,24000/min",
  /** 1 December 2026, 09:05 in Shanghai: November's ranking is due. */
  tickAt: "2026-12-01T01:05:00Z",
  month: "2026-11",
} as const;
