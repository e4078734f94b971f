/** A Lark-compatible mock of the Open API: local mode, the test suite and the benchmarks all use it. */
export { createMockLark } from "./app";
export type { MockLark, SentFilter, WaitOptions } from "./app";
export { startMockLarkServer } from "./server";
export type { MockLarkServer, MockLarkServerOptions } from "./server";
export { LarkCode, LarkApiError } from "./errors";
export { LARK_LIMITS } from "./rate-limit";
export { MOCK_TENANT_KEY } from "./state";
export type { LarkLimits } from "./rate-limit";
export type { FaultSpec } from "./faults";
export type { DeliveryAnswer, LongConnectionHub, LongConnectionStats, PushOptions } from "./long-connection/hub";
export type { UserMessageInput } from "./routes/inspect";
export type {
  MockApp,
  MockAppInput,
  MockChat,
  MockChatInput,
  MockEdit,
  MockFile,
  MockLarkOptions,
  MockMessage,
  MockStats,
  MockUser,
  MockUserInput,
} from "./types";
export { FILE_MAX_BYTES, FileCode } from "./routes/files";
