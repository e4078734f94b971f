/**
 * Shared by the Node-side setup and the tests inside workerd. Ids of the shapes
 * Lark documents, written out (vitest.config.ts loads this file before any
 * bundler runs): larkOpenId("worker_bot"), larkChatId("worker_group"),
 * larkOpenId("w_leader"), larkOpenId("w_member"), larkTenantKey("tenant_worker").
 */
export const WORKER_TEST = {
  app: { appId: "cli_a7f3e9b1c5d20486", appSecret: "worker-secret", botOpenId: "ou_c9547fd0b3a50d5fbf40fc5227538955" },
  token: "worker-verification-token",
  encryptKey: "worker-encrypt-key",
  tenantKey: "37cf8de427a07b59",
  adminToken: "worker-admin-token",
  chat: {
    chatId: "oc_4447cdd09f91d3410f903907110a84e5",
    name: "Workers 测试组",
    owner: { openId: "ou_15814ea7357580dd6cb3fc1c6eaa9b5c", name: "王科长" },
    members: [{ openId: "ou_85b322ca3ea599c0d082eddaea9a355e", name: "刘一" }],
  },
} as const;
