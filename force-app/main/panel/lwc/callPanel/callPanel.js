/**
 * The rep's call panel on Lead, Contact, Account and Opportunity pages, read in five seconds: who called and
 * why, how urgent with one plain reason, and what to do next (call back by when, with Call back and Mark called
 * back; a text-back already sent). Everything else is one click away: the facts, the recording, the conversation
 * or transcript with the phrases the rules matched, why, and the earlier calls. New calls for the record appear
 * while it is open: from the Call_Captured__e event (ids only; the panel re-reads the record's calls through Apex,
 * which shows only what the rep may see), by polling, or not at all, as the App Builder property says (docs/ui.md,
 * "Live updates").
 */
import { LightningElement, api, wire } from "lwc";
import { getRecord, getFieldValue, notifyRecordUpdateAvailable } from "lightning/uiRecordApi";
import { refreshApex } from "@salesforce/apex";
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import { subscribe, unsubscribe, onError, isEmpEnabled } from "lightning/empApi";
import CALL_CAPTURED_EVENT from "@salesforce/schema/Call_Captured__e";
import EVENT_LEAD_ID from "@salesforce/schema/Call_Captured__e.Lead_Id__c";
import EVENT_CONTACT_ID from "@salesforce/schema/Call_Captured__e.Contact_Id__c";
import EVENT_ACCOUNT_ID from "@salesforce/schema/Call_Captured__e.Account_Id__c";
import EVENT_OPPORTUNITY_ID from "@salesforce/schema/Call_Captured__e.Opportunity_Id__c";
import getCalls from "@salesforce/apex/CallPanelController.getCalls";
import markCalledBack from "@salesforce/apex/CallPanelController.markCalledBack";
import {
  absoluteTime,
  clockTime,
  conversationTurns,
  dispositionView,
  durationLabel,
  formatBudget,
  matchedPhrases,
  nextStepView,
  outcomeView,
  recordingView,
  relativeTime,
  textBackView,
  urgencyReason,
  urgencyView
} from "c/callFormat";

const DEFAULT_MAX_CALLS = 5;
/** How often a polling panel re-reads its calls: one Apex call a minute per open panel, no event delivery. */
const POLL_INTERVAL_MS = 60000;
const LIVE_UPDATES = { streaming: "Streaming", polling: "Polling", off: "Off" };
// The event's record-id fields, by their names in this org (the schema imports carry the namespace).
const EVENT_RECORD_FIELDS = [EVENT_LEAD_ID, EVENT_CONTACT_ID, EVENT_ACCOUNT_ID, EVENT_OPPORTUNITY_ID].map(
  (field) => field.fieldApiName
);

/** Who called, for the first line: the name (and company), else the number, else that nobody knows. */
function callerView(call) {
  const name = call.callerName || call.fromPhone || "Unknown caller";
  return { name, company: call.callerName ? call.callerCompany : "" };
}

/** Same record, whether an id is written with 15 or 18 characters. */
function sameId(a, b) {
  return !!a && !!b && a.slice(0, 15) === b.slice(0, 15);
}

export default class CallPanel extends LightningElement {
  /** Set by the record page. */
  @api recordId;
  /** Set by the record page: Lead, Contact, Account or Opportunity. */
  @api objectApiName;
  /** Set by the record page: SMALL, MEDIUM or LARGE (the panel reads the same in every region). */
  @api flexipageRegionWidth;
  /** App Builder: how many calls to show (the latest plus earlier ones). */
  @api maxCalls = DEFAULT_MAX_CALLS;
  /** App Builder: hide transcripts, e.g. for teams that should only see the summary. */
  @api hideTranscript = false;
  /** App Builder: comma-separated recording hosts that are CSP trusted sites, played inline. */
  @api trustedRecordingHosts = "";
  /** App Builder: how new calls appear while the record is open: Streaming, Polling or Off. */
  @api liveUpdates = LIVE_UPDATES.streaming;

  calls;
  error;
  actionError;
  markingCallId;
  transcriptCollapsed = false;
  // Folded by default: the first screen holds what a rep acts on; one click opens the rest.
  detailsExpanded = false;
  earlierExpanded = false;
  liveMessage = "";
  // The time the relative times are measured from, taken when the calls arrive.
  nowMs = Date.now();
  wiredCallsResult;
  subscription;
  pollTimer;
  disconnected = false;
  refreshing = false;
  refreshAgain = false;

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

  connectedCallback() {
    this.disconnected = false;
    if (this.liveUpdates === LIVE_UPDATES.polling) {
      this.pollForNewCalls();
    } else if (this.liveUpdates !== LIVE_UPDATES.off) {
      this.subscribeToNewCalls();
    }
  }

  disconnectedCallback() {
    this.disconnected = true;
    if (this.subscription) {
      unsubscribe(this.subscription, () => {});
      this.subscription = undefined;
    }
    if (this.pollTimer) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  /**
   * Re-reads the calls every POLL_INTERVAL_MS while the page is visible: for orgs whose daily event delivery
   * allocation the streaming panels would use up (docs/ui.md, "Live updates").
   */
  pollForNewCalls() {
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- polling is the point; cleared on disconnect
    this.pollTimer = setInterval(() => {
      if (document.visibilityState !== "hidden") {
        this.refreshCalls();
      }
    }, POLL_INTERVAL_MS);
  }

  /**
   * Listens for Call_Captured__e, so a call that arrives while the record is open appears. Where the
   * streaming API is unavailable (mobile, a user without access to the event) the panel simply stays as it
   * is: the calls are still there on the next load.
   */
  async subscribeToNewCalls() {
    try {
      if (!(await isEmpEnabled())) {
        return;
      }
      onError(() => {
        // A dropped streaming connection is not the rep's problem; the next page load shows the calls.
      });
      const subscription = await subscribe(`/event/${CALL_CAPTURED_EVENT.objectApiName}`, -1, (message) =>
        this.handleCallCaptured(message)
      );
      if (this.disconnected) {
        unsubscribe(subscription, () => {});
      } else {
        this.subscription = subscription;
      }
    } catch (noStreaming) {
      // No streaming here: degrade silently to a panel without live updates.
    }
  }

  /**
   * The event carries only ids: the panel decides from them whether the call is this record's, then re-reads the
   * record's calls through Apex, which applies the rep's access. Another record's call costs nothing.
   */
  async handleCallCaptured(message) {
    const payload = message?.data?.payload || {};
    if (!EVENT_RECORD_FIELDS.some((field) => sameId(payload[field], this.recordId))) {
      return;
    }
    await this.refreshCalls();
    this.liveMessage = "A new call just arrived.";
  }

  /** One re-read at a time: events that arrive during one (a batch of calls) cause one more, not one each. */
  async refreshCalls() {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        // eslint-disable-next-line no-await-in-loop -- re-reads run one after the other on purpose
        await refreshApex(this.wiredCallsResult);
      } while (this.refreshAgain);
    } finally {
      this.refreshing = false;
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

  get hasCalls() {
    return Array.isArray(this.calls) && this.calls.length > 0;
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

  get transcriptHeading() {
    return this.latest.hasTurns ? "Conversation" : "Transcript";
  }

  get detailsToggleExpanded() {
    return String(this.detailsExpanded);
  }

  get detailsToggleIcon() {
    return this.detailsExpanded ? "utility:chevrondown" : "utility:chevronright";
  }

  /** Names what the fold holds for this call ("Details: facts, recording, conversation, why"). */
  get detailsToggleLabel() {
    if (this.detailsExpanded) {
      return "Hide details";
    }
    const latest = this.latest;
    const parts = [
      latest.facts.length ? "facts" : "",
      latest.recording ? "recording" : "",
      this.showTranscriptSection ? this.transcriptHeading.toLowerCase() : "",
      latest.explanations?.length ? "why" : ""
    ].filter((part) => part);
    return parts.length ? `Details: ${parts.join(", ")}` : "Details";
  }

  get detailsClass() {
    return this.detailsExpanded ? "details" : "details slds-hide";
  }

  get earlierToggleExpanded() {
    return String(this.earlierExpanded);
  }

  get earlierToggleIcon() {
    return this.earlierExpanded ? "utility:chevrondown" : "utility:chevronright";
  }

  /** "Earlier calls (2)", with the callbacks they still owe so an owed callback is never hidden by the fold. */
  get earlierToggleLabel() {
    const owed = this.earlierCalls.filter((call) => call.callback.owed).length;
    const count = `Earlier calls (${this.earlierCalls.length})`;
    if (!owed) {
      return count;
    }
    return `${count} · ${owed} callback${owed === 1 ? "" : "s"} owed`;
  }

  get earlierListClass() {
    return this.earlierExpanded ? "earlier-list slds-has-dividers_top-space" : "earlier-list slds-hide";
  }

  get isMarking() {
    return !!this.markingCallId;
  }

  toView(call) {
    // What the call is worth acting on, as intake stored it (CallIntelligence, the rule tester's shape too).
    const intelligence = call.intelligence || {};
    const explanations = intelligence.explanations || [];
    const urgency = urgencyView(intelligence.urgency);
    const callback = nextStepView(
      {
        callbackOwed: call.callbackOwed,
        callbackDue: intelligence.callbackDueAt,
        callbackCompletedAt: call.callbackCompletedAt
      },
      this.nowMs
    );
    const recording = recordingView(call.recordingUrl, this.trustedRecordingHosts);
    const phrases = matchedPhrases(explanations);
    // Who called and the number are in the first lines; the facts hold the rest.
    const facts = [
      ["Rating", intelligence.rating],
      ["Service", intelligence.serviceInterest],
      ["Budget", formatBudget(intelligence)],
      ["Timeline", intelligence.timeline],
      ["Duration", durationLabel(call)]
    ]
      .filter(([, value]) => value)
      .map(([label, value]) => ({ key: label, label, value }));
    const turns = conversationTurns(call.transcript, call.turnStartsMs, call.answeredBy).map((turn) => ({
      ...turn,
      cssClass: `turn turn_${turn.role} slds-m-bottom_x-small`,
      canSeek: turn.startSeconds !== null && !!recording?.playable,
      seekLabel: `Play the recording from ${turn.time}`,
      phrases
    }));
    return {
      id: call.id,
      caller: callerView(call),
      reason: call.summary || (intelligence.serviceInterest ? `About ${intelligence.serviceInterest}` : ""),
      urgency,
      urgencyLevel: intelligence.urgency,
      urgencyReason: urgencyReason(explanations),
      ending: dispositionView(call.disposition, call.answeredBy),
      callback,
      // Who is to call back, when the round-robin or the record's owner holds the callback.
      callbackOwner: callback.owed && call.callbackOwnerName ? `Assigned to ${call.callbackOwnerName}` : "",
      callbackClass: `callback slds-grid slds-grid_vertical-align-center slds-wrap slds-m-top_x-small callback_${callback.state} ${callback.cssClass}`,
      phone: call.fromPhone,
      facts,
      when: relativeTime(call.startedAt, this.nowMs),
      whenTitle: absoluteTime(call.startedAt),
      summary: call.summary,
      recording,
      recordingLength: call.durationSeconds ? clockTime(call.durationSeconds) : "",
      transcript: call.transcript,
      transcriptTruncated: call.transcriptTruncated === true,
      turns,
      hasTurns: turns.length > 0,
      explanations,
      // What the Why list says a finding meant: the intelligence, and the disposition for a default callback.
      explained: { ...intelligence, disposition: call.disposition },
      ruleDescriptions: call.ruleDescriptions || {},
      outcome: outcomeView(call.outcome, call.status),
      textBack: textBackView(call.textBackStatus, call.textBackAt, call.textBackUnconfirmed)
    };
  }

  toggleDetails() {
    this.detailsExpanded = !this.detailsExpanded;
  }

  toggleEarlier() {
    this.earlierExpanded = !this.earlierExpanded;
  }

  toggleTranscript() {
    this.transcriptCollapsed = !this.transcriptCollapsed;
  }

  /** Moves the recording to the start of the chosen turn and plays it. */
  handleSeek(event) {
    const audio = this.template.querySelector("audio");
    const seconds = Number(event.currentTarget.dataset.start);
    if (!audio || Number.isNaN(seconds)) {
      return;
    }
    audio.currentTime = seconds;
    const playing = audio.play();
    if (playing && playing.catch) {
      // A browser may refuse to play (autoplay policy); the position is set and the rep presses play.
      playing.catch(() => {});
    }
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
