/**
 * Calls that need an admin: failed ones (fix the cause, then Reprocess) and ones waiting for review
 * (the caller matched more than one record: choose the right one and Resolve match).
 */
import { LightningElement, api } from "lwc";
import getCallsNeedingAttention from "@salesforce/apex/AdminController.getCallsNeedingAttention";
import reprocess from "@salesforce/apex/AdminController.reprocess";
import resolveMatch from "@salesforce/apex/AdminController.resolveMatch";
import { absoluteTime } from "c/callFormat";

const DEFAULT_MAX_ROWS = 50;

// ReprocessOutcome.status in words.
const OUTCOME_WORDS = {
  created: "processed, records created",
  updated: "processed, records updated",
  needs_review: "still needs review",
  filtered: "filtered as junk again",
  failed: "failed again"
};
// Statuses whose badge warns rather than alarms, and the one a Reprocess cannot help (the call itself was processed).
const WARNING_STATUSES = ["Needs Review", "Filtered", "Text not sent"];
const TEXT_NOT_SENT = "Text not sent";

export default class CallAttentionList extends LightningElement {
  /** App Builder: how many calls to list. */
  @api maxRows = DEFAULT_MAX_ROWS;

  calls;
  error;
  actionError;
  outcomes = [];
  busy = false;
  chosenRecordIds = {};

  connectedCallback() {
    this.load();
  }

  async load() {
    try {
      this.calls = await getCallsNeedingAttention({ maxRows: this.maxRows });
      this.error = undefined;
    } catch (error) {
      this.error = error;
      this.calls = undefined;
    }
  }

  get isLoading() {
    return !this.calls && !this.error;
  }

  get isEmpty() {
    return Array.isArray(this.calls) && this.calls.length === 0;
  }

  get failedIds() {
    return (this.calls || []).filter((call) => call.status === "Failed").map((call) => call.id);
  }

  get reprocessAllDisabled() {
    return this.busy || this.failedIds.length === 0;
  }

  get reprocessAllLabel() {
    return `Reprocess all failed (${this.failedIds.length})`;
  }

  get rows() {
    return this.calls.map((call) => {
      const needsReview = call.status === "Needs Review";
      const chosen = this.chosenRecordIds[call.id];
      return {
        ...call,
        headingId: `call-${call.id}`,
        title: `${call.name} · ${call.callerName || call.fromPhone || "Unknown caller"}`,
        needsReview,
        reprocessable: call.status !== TEXT_NOT_SENT,
        reprocessLabel: call.status === "Filtered" ? "Process as a real call" : "Reprocess",
        statusIcon: needsReview ? "utility:question" : "utility:error",
        statusClass: WARNING_STATUSES.includes(call.status)
          ? "status slds-badge slds-theme_warning"
          : "status slds-badge slds-theme_error",
        started: absoluteTime(call.startedAt),
        attemptsLabel: `${call.attempts || 0} attempt${call.attempts === 1 ? "" : "s"}`,
        candidateOptions: (call.candidates || []).map((candidate) => ({
          // The server names only candidates the admin can see (docs/security/sharing.md).
          label: `${candidate.objectType}: ${candidate.name ?? "a record you cannot see"} (${candidate.reason})`,
          value: candidate.id
        })),
        chosen,
        resolveDisabled: this.busy || !chosen
      };
    });
  }

  get hasOutcomes() {
    return this.outcomes.length > 0;
  }

  handleCandidateChange(event) {
    this.chosenRecordIds = { ...this.chosenRecordIds, [event.target.dataset.id]: event.detail.value };
  }

  handleReprocess(event) {
    return this.run(() => reprocess({ callRecordIds: [event.target.dataset.id] }));
  }

  handleReprocessAll() {
    return this.run(() => reprocess({ callRecordIds: this.failedIds }));
  }

  handleResolve(event) {
    const callRecordId = event.target.dataset.id;
    return this.run(async () => [
      await resolveMatch({ callRecordId, chosenRecordId: this.chosenRecordIds[callRecordId] })
    ]);
  }

  // Runs one admin action, shows what happened to each call, and reloads the list.
  async run(action) {
    this.busy = true;
    this.actionError = undefined;
    try {
      const outcomes = await action();
      this.outcomes = outcomes.map((outcome) => ({
        key: outcome.id,
        text: `${outcome.callId}: ${OUTCOME_WORDS[outcome.status] || outcome.status}${outcome.message ? ` · ${outcome.message}` : ""}`
      }));
      await this.load();
    } catch (error) {
      this.actionError = error;
    } finally {
      this.busy = false;
    }
  }
}
