/**
 * The picture renderer as a child process (see lazy.ts): receives an ImageSpec
 * over IPC, answers with the PNG bytes or an error message.
 */
import { renderImage } from "./render";
import type { ImageSpec } from "../../../outbox/message";

process.on("message", (job: { id: number; spec: ImageSpec }) => {
  renderImage(job.spec).then(
    (png) => process.send!({ id: job.id, png }),
    (error: unknown) => process.send!({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
