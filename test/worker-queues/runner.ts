/**
 * The Worker the fan-out tests run in (vitest.config.ts). It serves nothing:
 * the Worker under measurement is the auxiliary "appraisal-measured", reached
 * through its MEASURED binding, so that its isolate holds no test runner.
 */
export default {
  fetch(): Response {
    return new Response(null, { status: 404 });
  },
};
