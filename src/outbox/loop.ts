/**
 * A long-running process (the Node server, the WeChat bridge) drains the outbox in a loop:
 * messages queued by a request are sent right after its answer, and this loop picks up retries
 * whose time has come. Only one drain runs at a time; a kick during a drain runs another after it.
 * It lives in src/outbox, below the channels and the entry points that both start one.
 */
export function startOutboxLoop(
  drain: () => Promise<unknown>,
  opts: { intervalMs?: number; onError: (e: unknown) => void },
) {
  let running: Promise<void> | undefined;
  let again = false;
  const kick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await drain().catch(opts.onError);
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => void kick(), opts.intervalMs ?? 1000);
  timer.unref?.();
  return {
    kick,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
