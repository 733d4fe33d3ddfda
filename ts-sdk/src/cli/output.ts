// What the CLI prints and writes: result lines, progress and totals that count results (never calls
// attempted), each warning once, failures grouped by reason, and the failures file (mode 0600: it holds
// transcripts and callers' details).
import { closeSync, fchmodSync, openSync, writeSync } from "node:fs";
import { AuthError, type CallCaptureError } from "../errors.js";
import type { CaptureProgress } from "../delivery.js";
import type { CallResult } from "../types.js";
import { SDK_WARNING_CODES } from "../validate.js";

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const FAILURES_FILE = "callcap-failures.ndjson";

/** How many call ids a grouped failure line names before "and N more". */
const IDS_SHOWN = 5;

/** Prints to an Output, each warning only once however often it is reported. */
export class Printer {
  private readonly warned = new Set<string>();

  constructor(readonly io: Output) {}

  warn(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.io.err(`warning: ${text}`);
  }

  /**
   * One line per result: status, outcome, record ids, errors; then the org's warnings. The SDK's own
   * (what it dropped or truncated) were printed with the call's place before sending.
   */
  result(result: CallResult): void {
    const ids = (["leadId", "contactId", "accountId", "opportunityId", "taskId", "callbackTaskId"] as const)
      .filter((key) => result[key])
      .map((key) => `${key}=${result[key]}`);
    const errors = (result.errors ?? []).map((error) => `error ${error.errorCode}: ${error.message}`);
    this.io.out([`${result.callId}: ${result.status} (${result.outcome})`, ...ids, ...errors].join("  "));
    for (const warning of result.warnings ?? []) {
      if (!SDK_WARNING_CODES.has(warning.code)) this.warn(`${result.callId}: ${warning.message}`);
    }
  }

  /** The results: delivered ones a line each, failed ones grouped by reason (one line for 500 alike). */
  results(results: readonly CallResult[]): void {
    const groups = new Map<string, CallResult[]>();
    for (const result of results) {
      if (result.status !== "failed") {
        this.result(result);
        continue;
      }
      const first = result.errors?.[0];
      const key = `${first?.errorCode ?? "UNKNOWN"}: ${first?.message ?? "no reason given"}`;
      groups.set(key, [...(groups.get(key) ?? []), result]);
    }
    for (const [reason, failed] of groups) {
      if (failed.length === 1) {
        this.result(failed[0]!);
        continue;
      }
      const ids = failed.slice(0, IDS_SHOWN).map((result) => result.callId);
      const more = failed.length > IDS_SHOWN ? ` and ${failed.length - IDS_SHOWN} more` : "";
      this.io.out(`${failed.length} calls failed: ${reason}  (${ids.join(", ")}${more})`);
    }
  }

  /** Why a run stopped early, once, with what to check when the credentials were refused. */
  stopped(error: CallCaptureError): void {
    this.io.err(`callcap: stopped: ${error.message}`);
    if (error instanceof AuthError) for (const item of error.checklist) this.io.err(`  check: ${item}`);
  }
}

/** The progress line after each request: what has a result, never what was sent. */
export function progressLine(progress: CaptureProgress): string {
  const of = progress.total === undefined ? "" : ` of ${progress.total}`;
  const requests = `${progress.requests} request${progress.requests === 1 ? "" : "s"}`;
  return `delivered ${progress.delivered}${of} calls (${progress.queued} queued), failed ${progress.failed}; ${requests}`;
}

export type Totals = Record<
  | "calls"
  | "created"
  | "updated"
  | "duplicate"
  | "needs_review"
  | "queued"
  | "filtered"
  | "failed"
  | "delivered"
  | "requests",
  number
>;

/** Results counted by status; `delivered` is every result but the failed ones (queued and filtered included). */
export function totals(results: readonly CallResult[], requests: number): Totals {
  const counts: Totals = {
    calls: results.length,
    created: 0,
    updated: 0,
    duplicate: 0,
    needs_review: 0,
    queued: 0,
    filtered: 0,
    failed: 0,
    delivered: 0,
    requests
  };
  for (const result of results) {
    if (result.status in counts) counts[result.status as keyof Totals] += 1;
    if (result.status !== "failed") counts.delivered += 1;
  }
  return counts;
}

export const totalsLine = (counts: Totals): string =>
  `totals: ${counts.calls} calls: ${counts.created} created, ${counts.updated} updated, ${counts.duplicate} duplicate, ${counts.needs_review} needs review, ${counts.queued} queued, ${counts.filtered} filtered, ${counts.failed} failed; ${counts.delivered} delivered; ${counts.requests} requests`;

/**
 * Writes calls that were not delivered as NDJSON, so `callcap send <file>` resends them. The file holds
 * callers' details and transcripts: it is created, or an existing one reset, with mode 0600 (owner only).
 */
export function writeFailures(calls: unknown[], file: string, io: Output): void {
  const descriptor = openSync(file, "w", 0o600);
  try {
    fchmodSync(descriptor, 0o600);
    writeSync(descriptor, calls.map((call) => JSON.stringify(call)).join("\n") + "\n");
  } finally {
    closeSync(descriptor);
  }
  io.err(`${calls.length} failed call(s) written to ${file}: resend with \`callcap send ${file}\``);
}
