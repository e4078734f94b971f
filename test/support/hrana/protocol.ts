// The JSON shapes of Hrana over HTTP (versions 2 and 3), as far as this test stand-in speaks them.
// Written from the spec (tursodatabase/libsql docs/HRANA_3_SPEC.md, "Hrana over HTTP" and "Shared
// structures") and checked against what @libsql/hrana-client 0.18 actually sends and parses
// (lib-esm/http/json_encode.js, shared/json_encode.js, http/json_decode.js, shared/json_decode.js).
//
// Requests are validated with zod: a body that does not parse is a protocol violation and gets an
// HTTP 400, as sqld does. Responses are plain TypeScript types.
import { z } from "zod";

// ---- values ----------------------------------------------------------------------------------

export const ProtoValue = z.discriminatedUnion("type", [
  z.object({ type: z.literal("null") }),
  // a 64-bit signed integer, as a decimal string so JSON does not round it
  z.object({ type: z.literal("integer"), value: z.string().regex(/^-?\d+$/) }),
  z.object({ type: z.literal("float"), value: z.number() }),
  z.object({ type: z.literal("text"), value: z.string() }),
  z.object({ type: z.literal("blob"), base64: z.string() }),
]);
export type ProtoValue = z.infer<typeof ProtoValue>;

// ---- statements and batches ----------------------------------------------------------------

export const Stmt = z.object({
  sql: z.string().nullish(),
  sql_id: z.number().int().nullish(),
  args: z.array(ProtoValue).optional(),
  named_args: z.array(z.object({ name: z.string(), value: ProtoValue })).optional(),
  want_rows: z.boolean().optional(),
});
export type Stmt = z.infer<typeof Stmt>;

export type BatchCond =
  | { type: "ok"; step: number }
  | { type: "error"; step: number }
  | { type: "not"; cond: BatchCond }
  | { type: "and"; conds: BatchCond[] }
  | { type: "or"; conds: BatchCond[] }
  | { type: "is_autocommit" }; // Hrana 3

export const BatchCond: z.ZodType<BatchCond> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("ok"), step: z.number().int().nonnegative() }),
    z.object({ type: z.literal("error"), step: z.number().int().nonnegative() }),
    z.object({ type: z.literal("not"), cond: BatchCond }),
    z.object({ type: z.literal("and"), conds: z.array(BatchCond) }),
    z.object({ type: z.literal("or"), conds: z.array(BatchCond) }),
    z.object({ type: z.literal("is_autocommit") }),
  ]),
);

export const Batch = z.object({
  steps: z.array(z.object({ condition: BatchCond.nullish(), stmt: Stmt })),
});
export type Batch = z.infer<typeof Batch>;

// ---- stream requests (the `requests` of a pipeline) ----------------------------------------

const SqlRef = { sql: z.string().nullish(), sql_id: z.number().int().nullish() };

export const StreamRequest = z.discriminatedUnion("type", [
  z.object({ type: z.literal("close") }),
  z.object({ type: z.literal("execute"), stmt: Stmt }),
  z.object({ type: z.literal("batch"), batch: Batch }),
  z.object({ type: z.literal("sequence"), ...SqlRef }),
  z.object({ type: z.literal("describe"), ...SqlRef }),
  z.object({ type: z.literal("store_sql"), sql_id: z.number().int(), sql: z.string() }),
  z.object({ type: z.literal("close_sql"), sql_id: z.number().int() }),
  z.object({ type: z.literal("get_autocommit") }), // Hrana 3
]);
export type StreamRequest = z.infer<typeof StreamRequest>;

// The client leaves `baton` out (rather than sending null) on the first request of a stream.
export const PipelineReqBody = z.object({
  baton: z.string().nullish(),
  requests: z.array(StreamRequest),
});
export type PipelineReqBody = z.infer<typeof PipelineReqBody>;

export const CursorReqBody = z.object({ baton: z.string().nullish(), batch: Batch });
export type CursorReqBody = z.infer<typeof CursorReqBody>;

// ---- responses --------------------------------------------------------------------------------

export type ProtoError = { message: string; code?: string | null };

export type Col = { name: string | null; decltype: string | null };

export type StmtResult = {
  cols: Col[];
  rows: ProtoValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  // Hrana 3 also lists rows_read and rows_written; this stand-in does not measure them, and the
  // client does not read any of the three.
  query_duration_ms?: number;
};

export type BatchResult = {
  step_results: (StmtResult | null)[];
  step_errors: (ProtoError | null)[];
};

export type DescribeResult = {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
};

export type StreamResponse =
  | { type: "close" }
  | { type: "execute"; result: StmtResult }
  | { type: "batch"; result: BatchResult }
  | { type: "sequence" }
  | { type: "describe"; result: DescribeResult }
  | { type: "store_sql" }
  | { type: "close_sql" }
  | { type: "get_autocommit"; is_autocommit: boolean };

export type StreamResult = { type: "ok"; response: StreamResponse } | { type: "error"; error: ProtoError };

export type PipelineRespBody = { baton: string | null; base_url: string | null; results: StreamResult[] };

export type CursorRespBody = { baton: string | null; base_url: string | null };

export type CursorEntry =
  | { type: "step_begin"; step: number; cols: Col[] }
  | { type: "row"; row: ProtoValue[] }
  | { type: "step_end"; affected_row_count: number; last_insert_rowid: string | null }
  | { type: "step_error"; step: number; error: ProtoError }
  | { type: "error"; error: ProtoError };

/** An error that becomes a Hrana `Error` object `{ message, code }`. */
export class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "HranaError";
  }

  toProto(): ProtoError {
    return { message: this.message, code: this.code };
  }
}
