import { fork, type ChildProcess } from "node:child_process";
import type { ImageSpec } from "../../../outbox/message";

/**
 * Pictures are drawn in a child process that starts with the first picture
 * and ends after a quiet minute. resvg (native) keeps the memory of every
 * image it drew (its Rust allocations are invisible to V8's GC: RSS grew by
 * ~30 MB per 1440 px picture, resvg-js issue #216), and HarfBuzz's
 * WebAssembly memory never shrinks; in a process of their own that memory is
 * returned when it exits, and a bridge that is not drawing holds none of it.
 * The child runs with the bridge's own Node flags (e.g. tsx's loader).
 */
const IDLE_MS = 60_000;
const WORKER = new URL(`./worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

type Pending = { resolve: (png: Uint8Array) => void; reject: (error: Error) => void };

let child: ChildProcess | undefined;
let idle: NodeJS.Timeout | undefined;
let seq = 0;
const pending = new Map<number, Pending>();

/** The bridge's Node flags; a TypeScript worker started from a process without tsx's loader (a test runner) gets it. */
function execArgv(): string[] {
  const typescript = WORKER.pathname.endsWith(".ts");
  return typescript && !process.execArgv.some((a) => a.includes("tsx"))
    ? [...process.execArgv, "--import", "tsx"]
    : process.execArgv;
}

function start(): ChildProcess {
  const c = fork(WORKER, [], {
    execArgv: execArgv(),
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  c.on("message", (m: { id: number; png?: Uint8Array; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.png) p?.resolve(new Uint8Array(m.png));
    else p?.reject(new Error(`image renderer: ${m.error}`));
    if (!pending.size) stopWhenIdle();
  });
  c.on("exit", (code) => {
    if (child === c) child = undefined;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new Error(`image renderer exited (${code})`));
    }
  });
  return c;
}

/** While nothing is being drawn the child does not keep the bridge's process alive. */
function hold(c: ChildProcess, on: boolean) {
  if (on) c.ref(), c.channel?.ref();
  else c.unref(), c.channel?.unref();
}

function stopWhenIdle() {
  if (child) hold(child, false);
  clearTimeout(idle);
  idle = setTimeout(() => child?.disconnect(), IDLE_MS);
  idle.unref();
}

export function lazyRenderImage(spec: ImageSpec): Promise<Uint8Array> {
  clearTimeout(idle);
  child ??= start();
  hold(child, true);
  const id = ++seq;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    child!.send({ id, spec });
  });
}

/** Ends the renderer now (the bridge stopping). */
export function stopRenderer(): void {
  clearTimeout(idle);
  child?.disconnect();
}
