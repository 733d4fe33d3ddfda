// Coalescing: a vendor reports one phone call in several webhooks (Twilio's status, recording and
// transcription callbacks; Retell's call_ended then call_analyzed; Vapi's status updates then its
// end-of-call report). Each is an update of the same callId. Merged before sending, they cost one API
// request instead of one each, and the org processes the call once with everything known.
import type { Call, CallResult } from "./types.js";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Members merged key by key rather than replaced; budget inside intelligence is replaced whole. */
const MERGED_MEMBERS = new Set(["caller", "intelligence", "custom"]);

/**
 * A later update of a call laid over an earlier one: what the later one says wins, what it leaves out
 * (undefined or null) is kept. `caller`, `intelligence` and `custom` merge key by key; everything else,
 * the transcript included, is replaced. The inputs are not modified.
 */
export function mergeCallUpdates(earlier: Call, later: Call): Call {
  const merged: Record<string, unknown> = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    if (value === undefined || value === null) continue;
    const before = merged[key];
    merged[key] =
      MERGED_MEMBERS.has(key) && isPlainObject(before) && isPlainObject(value)
        ? Object.fromEntries(
            Object.entries({ ...before, ...value }).map(([member, memberValue]) => [
              member,
              memberValue === undefined || memberValue === null ? before[member] : memberValue
            ])
          )
        : value;
  }
  return merged as Call;
}

/** When a coalesced call is sent: after `quietMs` without a new update, and at most `maxWaitMs` after its first. */
export interface CoalesceOptions {
  quietMs: number;
  maxWaitMs: number;
}

export const DEFAULT_COALESCE: CoalesceOptions = { quietMs: 3_000, maxWaitMs: 30_000 };

interface Waiting {
  call: Call;
  firstAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  waiters: { resolve: (result: CallResult) => void; reject: (error: unknown) => void }[];
}

/**
 * Holds each callId's updates until the call has been quiet for `quietMs` (or `maxWaitMs` passed since
 * its first update), then sends the merged call once and answers every update with its result. Sends of
 * one callId never overlap: an update arriving while the call is being sent waits for that send, so the
 * org always receives a call's updates in order. Pending timers keep the process alive until they fire;
 * `flush()` sends everything now (for a clean shutdown).
 */
export class UpdateCoalescer {
  private readonly waiting = new Map<string, Waiting>();
  private readonly sending = new Map<string, Promise<void>>();

  constructor(
    private readonly options: CoalesceOptions,
    private readonly send: (call: Call) => Promise<CallResult>,
    private readonly now: () => number
  ) {}

  add(call: Call): Promise<CallResult> {
    let entry = this.waiting.get(call.callId);
    if (entry) entry.call = mergeCallUpdates(entry.call, call);
    else {
      entry = { call, firstAt: this.now(), timer: undefined, waiters: [] };
      this.waiting.set(call.callId, entry);
    }
    const answer = new Promise<CallResult>((resolve, reject) => entry.waiters.push({ resolve, reject }));
    clearTimeout(entry.timer);
    const wait = Math.min(this.options.quietMs, entry.firstAt + this.options.maxWaitMs - this.now());
    entry.timer = setTimeout(() => this.release(call.callId), Math.max(0, wait));
    return answer;
  }

  /** Sends every held call now and resolves when every send has been answered. */
  async flush(): Promise<void> {
    for (const callId of [...this.waiting.keys()]) this.release(callId);
    await Promise.all(this.sending.values());
  }

  private release(callId: string): void {
    const entry = this.waiting.get(callId);
    if (!entry) return;
    this.waiting.delete(callId);
    clearTimeout(entry.timer);
    const previous = this.sending.get(callId) ?? Promise.resolve();
    const sent: Promise<void> = previous
      .then(() => this.send(entry.call))
      .then(
        (result) => entry.waiters.forEach((waiter) => waiter.resolve(result)),
        (error: unknown) => entry.waiters.forEach((waiter) => waiter.reject(error))
      )
      .finally(() => {
        if (this.sending.get(callId) === sent) this.sending.delete(callId);
      });
    this.sending.set(callId, sent);
  }
}
