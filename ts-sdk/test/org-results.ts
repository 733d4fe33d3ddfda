// Results shaped as a real org answers them (intake's CallResult: every member in contract order, nulls
// included, case-safe record ids, intelligence whose explanation quotes the call), for the result store's
// tests and the benchmark's stand-in (`--results real`).
import type { CallResult } from "../src/types.js";

/** An 18-character Salesforce id (a 15-character one plus its case-safe checksum), as an org returns it. */
export function recordId(prefix: string, serial: number): string {
  const base = `${prefix}5f00${String(serial).padStart(7, "0")}A`;
  let suffix = "";
  for (let group = 0; group < 3; group += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) if (/[A-Z]/.test(base[group * 5 + i]!)) bits |= 1 << i;
    suffix += "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits];
  }
  return base + suffix;
}

/**
 * Text as unlike from one call to the next as a real call's words: letters and spaces from a generator seeded
 * by the serial. Compression finds nothing to share in it, so it costs the store at least what a real quote
 * does (English text compresses; this does not).
 */
function quote(serial: number, characters: number): string {
  let state = (serial * 2654435761) >>> 0 || 1;
  let text = "";
  while (text.length < characters) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    text += state % 6 === 0 ? " " : String.fromCharCode(97 + (state % 26));
  }
  return text;
}

/** A new caller's call: a Lead, the call's Task, and an urgency explained by the words it quotes. */
export function realOrgResult(callId: string, index: number, serial: number): CallResult {
  return {
    callId,
    index,
    status: "created",
    outcome: "lead_created",
    callRecordId: recordId("a0X", serial),
    leadId: recordId("00Q", serial),
    contactId: null,
    accountId: null,
    opportunityId: null,
    taskId: recordId("00T", serial),
    callbackTaskId: null,
    intelligence: {
      urgency: 4,
      rating: "Hot",
      callbackRequested: true,
      callbackDueAt: new Date(Date.UTC(2026, 5, 1) + serial * 60_000).toISOString(),
      serviceInterest: "Plumbing",
      budget: null,
      timeline: "Immediate",
      explanations: [
        {
          kind: "Urgency",
          rule: "Urgency_Flooding",
          matched: "flooding",
          // The org quotes about 40 characters either side of the match (CallIntelligence.SNIPPET_RADIUS).
          snippet: `…${quote(2 * serial, 40)} flooding ${quote(2 * serial + 1, 40)}…`,
          source: "rule"
        }
      ]
    },
    warnings: [],
    errors: []
  };
}
