/**
 * The rep's call panel on Lead, Contact, Account and Opportunity pages: what the latest caller wanted,
 * how urgent it is, whether a callback is owed (with Mark called back), the recording, the transcript
 * with the phrases the rules matched, why, and the earlier calls.
 */
import { LightningElement, api, wire } from "lwc";
import { getRecord, getFieldValue, notifyRecordUpdateAvailable } from "lightning/uiRecordApi";
import { refreshApex } from "@salesforce/apex";
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import getCalls from "@salesforce/apex/CallPanelController.getCalls";
import markCalledBack from "@salesforce/apex/CallPanelController.markCalledBack";
import {
  absoluteTime,
  callbackView,
  formatBudget,
  formatDuration,
  outcomeView,
  recordingView,
  relativeTime,
  urgencyView
} from "c/callFormat";

const DEFAULT_MAX_CALLS = 5;

export default class CallPanel extends LightningElement {
  /** Set by the record page. */
  @api recordId;
  /** Set by the record page: Lead, Contact, Account or Opportunity. */
  @api objectApiName;
  /** App Builder: how many calls to show (the latest plus earlier ones). */
  @api maxCalls = DEFAULT_MAX_CALLS;
  /** App Builder: hide transcripts, e.g. for teams that should only see the summary. */
  @api hideTranscript = false;
  /** App Builder: comma-separated recording hosts that are CSP trusted sites, played inline. */
  @api trustedRecordingHosts = "";

  calls;
  error;
  actionError;
  markingCallId;
  transcriptCollapsed = false;
  // The time the relative times are measured from, taken when the calls arrive.
  nowMs = Date.now();
  wiredCallsResult;

  get recordFields() {
    return this.objectApiName ? [`${this.objectApiName}.Name`] : [];
  }

  @wire(getRecord, { recordId: "$recordId", optionalFields: "$recordFields" })
  record;

  @wire(getCalls, { recordId: "$recordId", maxCalls: "$maxCalls" })
  wiredCalls(result) {
    this.wiredCallsResult = result;
    if (result.data) {
      this.calls = result.data;
      this.error = undefined;
      this.nowMs = Date.now();
    } else if (result.error) {
      this.error = result.error;
      this.calls = undefined;
    }
  }

  get recordName() {
    const name = this.record?.data ? getFieldValue(this.record.data, `${this.objectApiName}.Name`) : null;
    return name || "this record";
  }

  get isLoading() {
    return !this.calls && !this.error;
  }

  get isEmpty() {
    return Array.isArray(this.calls) && this.calls.length === 0;
  }

  get emptyMessage() {
    return `No calls with ${this.recordName} yet. Calls appear here as soon as the phone system sends them.`;
  }

  get latest() {
    return this.toView(this.calls[0]);
  }

  get earlierCalls() {
    return this.calls.slice(1).map((call) => this.toView(call));
  }

  get hasEarlierCalls() {
    return this.calls.length > 1;
  }

  get showTranscriptSection() {
    return !this.hideTranscript && !!this.latest.transcript;
  }

  get transcriptExpanded() {
    return String(!this.transcriptCollapsed);
  }

  get transcriptToggleIcon() {
    return this.transcriptCollapsed ? "utility:chevronright" : "utility:chevrondown";
  }

  get transcriptClass() {
    return this.transcriptCollapsed ? "transcript slds-hide" : "transcript";
  }

  get isMarking() {
    return !!this.markingCallId;
  }

  toView(call) {
    const urgency = urgencyView(call.urgency);
    const callback = callbackView(call, this.nowMs);
    const facts = [
      ["Caller", [call.callerName, call.callerCompany].filter((part) => part).join(", ")],
      ["Phone", call.fromPhone],
      ["Rating", call.rating],
      ["Service", call.serviceInterest],
      ["Budget", formatBudget(call)],
      ["Timeline", call.timeline],
      ["Duration", formatDuration(call.durationSeconds)]
    ]
      .filter(([, value]) => value)
      .map(([label, value]) => ({ key: label, label, value }));
    return {
      id: call.id,
      urgency,
      urgencyLevel: call.urgency,
      callback,
      callbackClass: `callback slds-grid slds-grid_vertical-align-center slds-wrap callback_${callback.state} ${callback.cssClass}`,
      isMarking: this.markingCallId === call.id,
      facts,
      when: relativeTime(call.startedAt, this.nowMs),
      whenTitle: absoluteTime(call.startedAt),
      summary: call.summary,
      recording: recordingView(call.recordingUrl, this.trustedRecordingHosts),
      transcript: call.transcript,
      transcriptTruncated: call.transcriptTruncated === true,
      explanations: call.explanations,
      outcome: outcomeView(call.outcome, call.status)
    };
  }

  toggleTranscript() {
    this.transcriptCollapsed = !this.transcriptCollapsed;
  }

  async handleMarkCalledBack(event) {
    const callRecordId = event.target.dataset.id;
    this.markingCallId = callRecordId;
    this.actionError = undefined;
    try {
      await markCalledBack({ callRecordId });
      await refreshApex(this.wiredCallsResult);
      // Tell LDS the record changed (the callback Task is done), so other components refresh too.
      await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
      this.dispatchEvent(
        new ShowToastEvent({
          title: "Callback recorded",
          message: "The callback task is completed.",
          variant: "success"
        })
      );
    } catch (error) {
      this.actionError = error;
    } finally {
      this.markingCallId = undefined;
    }
  }
}
