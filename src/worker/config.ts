import { ConfigError, isLocalMode, loadConfig, type Config } from "../config";

/**
 * The configuration a Worker can run with: loadConfig's checks, plus what only
 * Node offers. Local mode (no app) needs the in-process mock and playground; the
 * long connection needs a WebSocket held open between requests. Both are refused
 * with one line naming the variable, instead of a Worker that silently drops events.
 */
export function loadWorkerConfig(env: Record<string, unknown>): Config {
  const config = loadConfig(env);
  if (isLocalMode(config))
    throw new ConfigError("Invalid configuration: LARK_APP_ID: required on Workers (local mode runs under Node only)");
  if (config.LARK_EVENT_MODE === "ws")
    throw new ConfigError(
      "Invalid configuration: LARK_EVENT_MODE: ws (the long connection) runs under Node only; on Workers use webhook",
    );
  return config;
}
