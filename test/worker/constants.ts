/** Shared by the Node-side setup and the tests inside workerd. */
export const WORKER_TEST = {
  app: { appId: "cli_worker_test", appSecret: "worker-secret", botOpenId: "ou_worker_bot" },
  token: "worker-verification-token",
  encryptKey: "worker-encrypt-key",
  tenantKey: "tenant_worker",
  adminToken: "worker-admin-token",
  chat: {
    chatId: "oc_worker_group",
    name: "Workers 测试组",
    owner: { openId: "ou_w_leader", name: "王科长" },
    members: [{ openId: "ou_w_member", name: "刘一" }],
  },
} as const;
