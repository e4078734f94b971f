/**
 * Work started after an HTTP answer on Node (where there is no waitUntil):
 * tracked so shutdown and tests can wait for it to finish.
 */
export function createTaskQueue(onError: (error: unknown) => void) {
  const running = new Set<Promise<unknown>>();
  return {
    run(task: Promise<unknown>): void {
      const p = task.catch(onError).finally(() => running.delete(p));
      running.add(p);
    },
    /** Resolves once nothing is running, including tasks started meanwhile. */
    async idle(): Promise<void> {
      while (running.size) await Promise.all([...running]);
    },
  };
}
