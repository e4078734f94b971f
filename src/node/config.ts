import { ConfigError, loadConfig, type Config } from "../config";

/** The process's configuration; a bad setting ends the process with the reason, not a stack trace. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
