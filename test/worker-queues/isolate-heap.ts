import { Session } from "node:inspector";

/**
 * The heap of the V8 isolate this code runs in, read from the isolate's own
 * V8 inspector. workerd answers zeros to `process.memoryUsage()` and
 * `v8.getHeapStatistics()`, but with the experimental, local-only compatibility
 * flag `enable_nodejs_inspector_local_dev` (vitest.config.ts; Miniflare runs
 * workerd with --experimental) `node:inspector`'s Session talks to the
 * isolate's V8 inspector in-process, and CDP's `Runtime.getHeapUsage` answers
 * for this isolate alone.
 *
 * Under @cloudflare/vitest-plugin the test file, the Worker's queue consumers
 * and its Durable Objects all run in one isolate (the plugin runs the tests
 * inside the Worker under test), so this is the isolate that served every
 * invocation, with the test runner's own heap on top.
 */
export interface HeapUsage {
  /** JavaScript heap in use (live objects and garbage not yet collected). */
  used: number;
  /** JavaScript heap reserved by V8. */
  total: number;
  /** The embedder's (workerd's C++ objects') heap. */
  embedder: number;
  /** ArrayBuffer backing stores, outside the JavaScript heap. */
  backing: number;
}

/** What the isolate holds against its 128 MB: the heaps in use and the buffers' memory. */
export const isolateBytes = (u: HeapUsage) => u.used + u.embedder + u.backing;

export class IsolateHeap {
  readonly #session = new Session();

  constructor() {
    this.#session.connect();
  }

  /** Synchronous: the inspector answers `Runtime.getHeapUsage` before `post` returns. */
  usage(): HeapUsage {
    let answer: HeapUsage | undefined;
    let failure: Error | null = null;
    this.#session.post("Runtime.getHeapUsage", (error, r) => {
      failure = error;
      const x = r as {
        usedSize: number;
        totalSize: number;
        embedderHeapUsedSize?: number;
        backingStorageSize?: number;
      };
      if (x)
        answer = {
          used: x.usedSize,
          total: x.totalSize,
          embedder: x.embedderHeapUsedSize ?? 0,
          backing: x.backingStorageSize ?? 0,
        };
    });
    if (failure) throw failure;
    if (!answer) throw new Error("Runtime.getHeapUsage gave no answer");
    return answer;
  }

  /**
   * A full garbage collection, then the heap. V8 runs the collection as a task
   * of its own once the isolate is between events, and workerd hands the
   * inspector's answer to JavaScript only with the next message posted, so this
   * yields to the event loop and asks again until the collection has answered.
   */
  async collected(): Promise<HeapUsage> {
    let done = false;
    this.#session.post("HeapProfiler.collectGarbage", () => {
      done = true;
    });
    for (let i = 0; i < 1000 && !done; i++) {
      await new Promise((r) => setTimeout(r, 2));
      this.usage();
    }
    if (!done) throw new Error("HeapProfiler.collectGarbage did not answer");
    return this.usage();
  }

  close() {
    this.#session.disconnect();
  }
}
