// `callcap lookup <phone> [--repeat N]`: asks the org who is calling (POST /v1/lookup, as a relaying sender
// would during a call), prints the answer, and with --repeat times N more lookups one at a time: p50, p95,
// min and max of the round trip. The only way to know the lookup's end-to-end latency is to measure it
// against a real org from where the relay runs; nothing offline can.
import { performance } from "node:perf_hooks";
import type { CallCaptureClient } from "../client.js";
import type { CallerLookupAnswer } from "../types.js";
import type { Output } from "./output.js";
import { UsageError } from "./usage.js";

/** At most this many timed lookups: each is an API request counted against the org's daily allowance. */
export const MAX_REPEAT = 1_000;

export interface Latency {
  lookups: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

/**
 * p50 and p95 by the nearest-rank method (the smallest sample with at least p% of the samples at or below
 * it: sorted[ceil(p/100 · n) − 1]), so each is a round trip that was measured, never an interpolation.
 */
export function latencyOf(samplesMs: readonly number[]): Latency {
  if (samplesMs.length === 0) throw new RangeError("no samples");
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const rank = (percent: number) => sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length)) - 1]!;
  return {
    lookups: sorted.length,
    p50Ms: rank(50),
    p95Ms: rank(95),
    minMs: sorted[0]!,
    maxMs: sorted.at(-1)!
  };
}

/** --repeat as a number of timed lookups, or undefined when not given. */
export function repeatOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const repeat = Number(value);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > MAX_REPEAT)
    throw new UsageError(`--repeat must be a whole number from 1 to ${MAX_REPEAT}`);
  return repeat;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const orNone = (value: string | null) => value ?? "(none)";

/** Runs the lookup(s) and prints them; resolves with the exit code. */
export async function lookupCommand(
  client: CallCaptureClient,
  phone: string,
  repeat: number | undefined,
  json: boolean,
  io: Output
): Promise<number> {
  const timed = async (): Promise<{ answer: CallerLookupAnswer; ms: number }> => {
    const started = performance.now();
    const answer = await client.lookup(phone);
    return { answer, ms: performance.now() - started };
  };
  const first = await timed();
  const samples: number[] = [];
  for (let i = 0; i < (repeat ?? 0); i += 1) samples.push((await timed()).ms);
  const latency = samples.length > 0 ? latencyOf(samples) : undefined;
  if (json) {
    io.out(
      JSON.stringify({ answer: first.answer, firstMs: first.ms, ...(latency ? { latency } : {}) }, null, 2)
    );
    return 0;
  }
  const answer = first.answer;
  io.out(`known caller: ${answer.known ? "yes" : "no"}`);
  io.out(`first name: ${orNone(answer.firstName)}`);
  io.out(`open lead status: ${orNone(answer.openLeadStatus)}`);
  io.out(`open opportunity stage: ${orNone(answer.openOpportunityStage)}`);
  io.out(`open case status: ${orNone(answer.openCaseStatus)}`);
  io.out(
    `last call: ${orNone(answer.lastCallDate)}${answer.lastCallReason ? ` about ${answer.lastCallReason}` : ""}`
  );
  io.out(`callback owed: ${answer.callbackOwed ? "yes" : "no"}`);
  io.out(`owner's first name: ${orNone(answer.ownerFirstName)}`);
  io.out(`summary: ${answer.summary}`);
  io.err(`round trip: ${ms(first.ms)} (the first request, which also got a token and opened the connection)`);
  if (latency) {
    io.err(
      `${latency.lookups} more lookup(s), one at a time: p50 ${ms(latency.p50Ms)}, p95 ${ms(latency.p95Ms)}, ` +
        `min ${ms(latency.minMs)}, max ${ms(latency.maxMs)}`
    );
  }
  return 0;
}
