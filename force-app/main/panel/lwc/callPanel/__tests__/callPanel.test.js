/* eslint-disable @lwc/lwc/no-unexpected-wire-adapter-usages -- the tests drive wire adapters with emit() */
import { createElement } from "lwc";
import CallPanel from "c/callPanel";
import { getRecord, notifyRecordUpdateAvailable } from "lightning/uiRecordApi";
import { refreshApex } from "@salesforce/apex";
import getCalls from "@salesforce/apex/CallPanelController.getCalls";
import markCalledBack from "@salesforce/apex/CallPanelController.markCalledBack";
import { subscribe, unsubscribe, isEmpEnabled } from "lightning/empApi";
import {
  flushPromises,
  useFixedClockAndCleanUp,
  texts,
  childRoot,
  childTexts,
  deepTexts,
  allTexts
} from "../../../../../../test/ui/jestHelpers";

const mockGetCalls = require("./data/CallPanelController.getCalls.json");
const mockGetCallsRoutine = require("./data/CallPanelController.getCalls.routine.json");
const mockGetCallsEmpty = require("./data/CallPanelController.getCalls.empty.json");
const mockGetCallsError = require("./data/CallPanelController.getCalls.error.json");
const mockGetRecord = require("./data/getRecord.json");
const mockGetCallsConversation = require("./data/CallPanelController.getCalls.conversation.json");

jest.mock(
  "@salesforce/apex/CallPanelController.getCalls",
  () => {
    const { createApexTestWireAdapter } = require("@salesforce/sfdx-lwc-jest");
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock("@salesforce/apex/CallPanelController.markCalledBack", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex", () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

// 15:00 UTC on the day of the fixtures: the emergency call came in 8 minutes ago, its callback is due in 7.
const NOW = Date.parse("2026-11-24T15:00:00.000Z");
const LEAD_ID = "00QHn00000RIVERAAAA";

function createPanel(properties = {}) {
  const element = createElement("c-call-panel", { is: CallPanel });
  Object.assign(element, { recordId: LEAD_ID, objectApiName: "Lead", ...properties });
  document.body.appendChild(element);
  return element;
}

describe("c-call-panel", () => {
  useFixedClockAndCleanUp(NOW);

  it("shows a spinner until the calls arrive", () => {
    const element = createPanel();

    const spinner = childRoot(element, "c-call-card-state").querySelector("lightning-spinner");
    expect(spinner).not.toBeNull();
    expect(spinner.alternativeText).toBe("Loading calls");
  });

  it("asks for the calls of the record with the configured number", async () => {
    createPanel({ maxCalls: 3 });
    await flushPromises();

    expect(getCalls.getLastConfig()).toEqual({ recordId: LEAD_ID, maxCalls: 3 });
  });

  it("shows first who called, why, how urgent with one reason and by when to call back", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(texts(element, ".latest .caller")).toEqual(["Maria Rivera, Rivera Family Home"]);
    expect(texts(element, ".latest .when")).toEqual(["8 minutes ago"]);
    expect(texts(element, ".latest .summary")).toEqual([
      "Basement flooding from a burst pipe; wants a plumber today."
    ]);
    const badge = childRoot(element, "c-call-urgency-badge").querySelector(".urgency-badge");
    expect(badge.textContent.trim()).toBe("Urgency 5 · Emergency");
    expect(badge.classList).toContain("slds-theme_error");
    expect(texts(element, ".latest .urgency-reason")).toEqual(["Said “flooding”"]);
    expect(texts(element, ".latest .callback-label")).toEqual(["Call back by 7:07 AM (in 7 minutes)"]);
    expect(element.shadowRoot.querySelector(".latest .callback").classList).toContain("callback_due");
  });

  it("keeps everything else one click away: facts, recording, transcript, why and earlier calls", async () => {
    const element = createPanel({ trustedRecordingHosts: "recordings.example.com" });
    getCalls.emit(mockGetCalls);
    await flushPromises();
    const toggle = element.shadowRoot.querySelector(".details-toggle");
    const details = element.shadowRoot.querySelector(".details");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(details.classList).toContain("slds-hide");
    expect(texts(element, ".earlier-toggle")).toEqual(["Earlier calls (2)"]);
    expect(element.shadowRoot.querySelector(".earlier-list").classList).toContain("slds-hide");

    toggle.click();
    await flushPromises();

    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(details.classList).not.toContain("slds-hide");
    const facts = [...childRoot(element, "c-call-facts").querySelectorAll(".fact")].map((fact) => [
      fact.querySelector("dt").textContent,
      fact.querySelector("dd").textContent
    ]);
    expect(facts).toEqual([
      ["Rating", "Hot"],
      ["Service", "Plumbing"],
      ["Budget", "$10,000"],
      ["Timeline", "Immediate"],
      ["Duration", "3 min 4 s"]
    ]);
    for (const part of ["audio", ".transcript c-call-highlighted-text", "c-call-explanations"]) {
      expect(details.querySelector(part)).not.toBeNull();
    }
    const why = childRoot(element, "c-call-explanations");
    expect(why.querySelector(".why-toggle").getAttribute("aria-expanded")).toBe("true");
    // five findings: the three urgency phrases are one line
    expect(why.querySelectorAll(".explanations li")).toHaveLength(5);

    element.shadowRoot.querySelector(".earlier-toggle").click();
    await flushPromises();
    expect(element.shadowRoot.querySelector(".earlier-list").classList).not.toContain("slds-hide");
    expect(element.shadowRoot.querySelector(".earlier-toggle").getAttribute("aria-expanded")).toBe("true");
  });

  it("shows a missed call as Missed, never as a duration of 0 s", async () => {
    const element = createPanel();
    const missed = {
      ...mockGetCalls[1],
      callbackOwed: true,
      intelligence: { ...mockGetCalls[1].intelligence, callbackDueAt: "2026-11-24T15:20:00.000Z" }
    };
    getCalls.emit([missed]);
    await flushPromises();

    expect(deepTexts(element, ".latest c-call-icon-text.ending", ".label")).toEqual(["Missed"]);
    expect(childTexts(element, "c-call-facts", ".fact dt")).not.toContain("Duration");

    getCalls.emit([{ ...missed, disposition: null, answeredBy: null }]);
    await flushPromises();
    expect(childTexts(element, "c-call-facts", ".fact dd")).toContain("Missed");
    expect(deepTexts(element, "c-call-facts", ".fact dd").join(" ")).not.toContain("0 s");
  });

  it("speaks to reps, not admins, in every part of the panel", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    const everything = allTexts(element);
    expect(everything).not.toMatch(/admin|default|reprocess/i);
    expect(everything).toContain("Not on this record yet: the call is kept");
  });

  it("highlights the matched phrases of the transcript with mark elements", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    // Whole words only: "pipe" is marked inside "burst pipe" but not inside "pipes".
    expect(deepTexts(element, ".transcript c-call-highlighted-text", "c-call-marked-text", "mark")).toEqual([
      "flooding",
      "burst pipe",
      "emergency",
      "call me back",
      "$10,000"
    ]);
    expect(deepTexts(element, ".transcript c-call-highlighted-text", "c-call-marked-text")[0]).toBe(
      mockGetCalls[0].transcript
    );
  });

  it("says inside the transcript box when the transcript was shortened", async () => {
    const element = createPanel();
    getCalls.emit([{ ...mockGetCalls[0], transcriptTruncated: true }]);
    await flushPromises();

    expect(texts(element, ".transcript c-call-highlighted-text .transcript-note")).toEqual([
      "The transcript was longer than Salesforce can store and was shortened."
    ]);
  });

  it("collapses and expands the transcript from its toggle", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();
    const toggle = element.shadowRoot.querySelector(".transcript-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("true");

    toggle.click();
    await flushPromises();
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(element.shadowRoot.querySelector(".transcript").classList).toContain("slds-hide");

    toggle.click();
    await flushPromises();
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(element.shadowRoot.querySelector(".transcript").classList).not.toContain("slds-hide");
  });

  it("hides the transcript when the page says so", async () => {
    const element = createPanel({ hideTranscript: true });
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(element.shadowRoot.querySelector(".transcript")).toBeNull();
    expect(element.shadowRoot.querySelector(".summary")).not.toBeNull();
  });

  it("explains in plain language what was understood, in context, and from where", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    const why = (selector) => childTexts(element, "c-call-explanations", selector);
    // One line per finding: the three urgency phrases are listed under one "Emergency (urgency 5)".
    expect(why(".understood")).toEqual([
      "Emergency (urgency 5)",
      "Callback requested",
      "Service: Plumbing",
      "Budget: $10,000",
      "Timeline: Immediate"
    ]);
    expect(deepTexts(element, "c-call-explanations", ".context c-call-marked-text")[0]).toBe(
      "Our basement is flooding, there's"
    );
    expect(why(".origin")[0]).toBe("· From your rules");
    expect(why(".origin")[4]).toBe("· Usual for calls like this");
    expect(why(".explanations li").join(" ")).not.toContain("Urgency_Flooding");
    expect(deepTexts(element, "c-call-explanations", ".context c-call-marked-text", "mark")[0]).toBe(
      "flooding"
    );
  });

  it("shows the rule's description to admins under its finding", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCallsConversation);
    await flushPromises();

    expect(childTexts(element, "c-call-explanations", ".description")).toEqual([
      "Water in the home: an emergency."
    ]);
  });

  it("reads the call's intelligence whole: who said a phrase, and a voicemail's default callback", async () => {
    const [latest] = mockGetCalls;
    const element = createPanel();
    const flooding = { ...latest.intelligence.explanations[0], speaker: "caller", basis: "said" };
    const voicemailCallback = {
      kind: "Callback",
      rule: "Disposition",
      matched: "voicemail",
      source: "default"
    };
    getCalls.emit([
      {
        ...latest,
        disposition: "voicemail",
        intelligence: { ...latest.intelligence, explanations: [flooding, voicemailCallback] }
      }
    ]);
    await flushPromises();

    const why = (selector) => childTexts(element, "c-call-explanations", selector);
    expect(why(".who")).toEqual(["the caller said"]);
    expect(why(".explanations li").join(" ")).toContain("The caller left a voicemail");
  });

  it("opens the Why list with the details on a narrow region too", async () => {
    const element = createPanel({ flexipageRegionWidth: "SMALL" });
    getCalls.emit(mockGetCalls);
    await flushPromises();

    element.shadowRoot.querySelector(".details-toggle").click();
    await flushPromises();

    const why = childRoot(element, "c-call-explanations");
    expect(why.querySelector(".why-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(why.querySelector(".why-toggle").textContent.trim()).toBe("Why (5)");
  });

  it("says how the call ended and who answered, on the latest call and in the history", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(deepTexts(element, ".latest c-call-icon-text.ending", ".label")).toEqual([
      "Answered by the AI receptionist"
    ]);
    expect(
      childRoot(element, ".latest c-call-icon-text.ending").querySelector("lightning-icon").iconName
    ).toBe("utility:einstein");
    expect(deepTexts(element, ".earlier-call c-call-icon-text.ending", ".label")).toEqual([
      "Missed",
      "Left a voicemail"
    ]);
  });

  it("offers Call back through click-to-dial for the caller's number", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    const dial = childRoot(element, ".latest c-call-back").querySelector("lightning-click-to-dial");
    expect(dial).not.toBeNull();
    expect(dial.value).toBe("(415) 555-0142");
    expect(dial.recordId).toBe(LEAD_ID);
    expect(element.shadowRoot.querySelector(".latest .mark-called-back")).not.toBeNull();
  });

  it("shows the conversation as speaker turns with times that move the recording", async () => {
    const element = createPanel({ trustedRecordingHosts: "recordings.example.com" });
    getCalls.emit(mockGetCallsConversation);
    await flushPromises();

    expect(texts(element, ".transcript-toggle")).toEqual(["Conversation"]);
    expect(element.shadowRoot.querySelector(".transcript c-call-highlighted-text")).toBeNull();
    const turns = [...element.shadowRoot.querySelectorAll(".conversation .turn")];
    expect(turns.map((turn) => turn.querySelector(".turn-speaker").textContent)).toEqual([
      "AI receptionist",
      "Caller",
      "AI receptionist",
      "Caller"
    ]);
    expect(texts(element, ".conversation .turn-time")).toEqual(["0:00", "0:03", "0:09", "0:14"]);
    // Only rule matches are marked; the sender's urgency "5" is not a phrase of the text.
    expect(deepTexts(element, ".conversation c-call-marked-text", "mark")).toEqual([
      "flooding",
      "call me back"
    ]);

    const audio = element.shadowRoot.querySelector("audio");
    audio.play = jest.fn(() => Promise.resolve());
    const third = element.shadowRoot.querySelectorAll(".conversation button.turn-time")[2];
    expect(third.getAttribute("aria-label")).toBe("Play the recording from 0:09");
    third.click();

    expect(audio.currentTime).toBe(9);
    expect(audio.play).toHaveBeenCalled();
  });

  it("shows turn times as text when the recording cannot be played inline", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCallsConversation);
    await flushPromises();

    expect(element.shadowRoot.querySelectorAll(".conversation button.turn-time")).toHaveLength(0);
    expect(texts(element, ".conversation .turn-time")).toEqual(["0:00", "0:03", "0:09", "0:14"]);
  });

  it("shows the recording's length before it is played", async () => {
    const element = createPanel({ trustedRecordingHosts: "recordings.example.com" });
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(texts(element, ".recording-length")).toEqual(["Recording, 3:04 long."]);
    expect(element.shadowRoot.querySelector("audio").getAttribute("preload")).toBe("metadata");
  });

  it("subscribes to new calls and refreshes when one concerns this record", async () => {
    isEmpEnabled.mockResolvedValue(true);
    subscribe.mockResolvedValue({ id: "subscription" });
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(subscribe).toHaveBeenCalledWith("/event/Call_Captured__e", -1, expect.any(Function));
    const onMessage = subscribe.mock.calls[0][2];
    refreshApex.mockClear();
    await onMessage({ data: { payload: { Lead_Id__c: LEAD_ID.slice(0, 15) } } });
    await flushPromises();

    expect(refreshApex).toHaveBeenCalledTimes(1);
    expect(texts(element, ".live-message")).toEqual(["A new call just arrived."]);
  });

  it("ignores new calls for other records", async () => {
    isEmpEnabled.mockResolvedValue(true);
    subscribe.mockResolvedValue({ id: "subscription" });
    createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    const onMessage = subscribe.mock.calls[0][2];
    refreshApex.mockClear();
    await onMessage({ data: { payload: { Lead_Id__c: "00QHn00000OTHERAAAA", Contact_Id__c: null } } });
    // A message without a payload (a replay or a malformed delivery) names no record either.
    await onMessage({});

    expect(refreshApex).not.toHaveBeenCalled();
  });

  it("re-reads once for a burst of events about this record", async () => {
    isEmpEnabled.mockResolvedValue(true);
    subscribe.mockResolvedValue({ id: "subscription" });
    let finishFirst;
    refreshApex.mockImplementationOnce(() => new Promise((resolve) => (finishFirst = resolve)));
    createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    const onMessage = subscribe.mock.calls[0][2];
    refreshApex.mockClear();
    const first = onMessage({ data: { payload: { Lead_Id__c: LEAD_ID } } });
    onMessage({ data: { payload: { Lead_Id__c: LEAD_ID } } });
    onMessage({ data: { payload: { Lead_Id__c: LEAD_ID } } });
    finishFirst();
    await first;
    await flushPromises();

    expect(refreshApex).toHaveBeenCalledTimes(2);
  });

  it("polls instead of streaming when the page says so, and stops when removed", async () => {
    jest.useFakeTimers();
    try {
      const element = createPanel({ liveUpdates: "Polling" });
      getCalls.emit(mockGetCalls);
      refreshApex.mockClear();

      jest.advanceTimersByTime(60000);
      await Promise.resolve();

      expect(subscribe).not.toHaveBeenCalled();
      expect(refreshApex).toHaveBeenCalledTimes(1);
      document.body.removeChild(element);
      jest.advanceTimersByTime(120000);
      expect(refreshApex).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it("neither streams nor polls when live updates are off", async () => {
    jest.useFakeTimers();
    try {
      createPanel({ liveUpdates: "Off" });
      getCalls.emit(mockGetCalls);
      refreshApex.mockClear();

      jest.advanceTimersByTime(600000);

      expect(subscribe).not.toHaveBeenCalled();
      expect(refreshApex).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });

  it("releases the subscription when the panel is removed", async () => {
    isEmpEnabled.mockResolvedValue(true);
    const subscription = { id: "subscription" };
    subscribe.mockResolvedValue(subscription);
    const element = createPanel();
    await flushPromises();

    document.body.removeChild(element);

    expect(unsubscribe).toHaveBeenCalledWith(subscription, expect.any(Function));
  });

  it("works without live updates where streaming is unavailable", async () => {
    isEmpEnabled.mockResolvedValue(false);
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(subscribe).not.toHaveBeenCalled();
    expect(texts(element, ".latest .callback-label")).toEqual(["Call back by 7:07 AM (in 7 minutes)"]);
  });

  it("stays usable when subscribing fails", async () => {
    isEmpEnabled.mockResolvedValue(true);
    subscribe.mockRejectedValue(new Error("no streaming"));
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(element.shadowRoot.querySelector(".latest")).not.toBeNull();
  });

  it("lists earlier calls with an outcome in words and icons", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(texts(element, ".earlier-call .outcome")).toEqual([
      "Lead updated",
      "Not on this record yet: the call is kept"
    ]);
    const icons = [
      ...element.shadowRoot.querySelectorAll(".earlier-call lightning-icon"),
      ...[...element.shadowRoot.querySelectorAll(".earlier-call c-call-icon-text")].flatMap((host) => [
        ...host.shadowRoot.querySelectorAll("lightning-icon")
      ])
    ].map((icon) => icon.iconName);
    // The outcomes' icons first, then how each call ended.
    expect(icons).toEqual([
      "utility:edit",
      "utility:warning",
      "utility:missed_call",
      "utility:voicemail_drop"
    ]);
  });

  it("says when the missed caller was texted back, and shows a junk call's outcome in words", async () => {
    const [latest, ...earlier] = mockGetCalls;
    const element = createPanel();
    getCalls.emit([
      { ...latest, textBackStatus: "Sent", textBackAt: "2026-11-24T14:53:00.000Z" },
      { ...earlier[0], status: "Filtered", outcome: "filtered" },
      ...earlier.slice(1)
    ]);
    await flushPromises();

    expect(element.shadowRoot.querySelector(".text-back").textContent).toMatch(/^Texted the caller back: /);
    expect(texts(element, ".earlier-call .outcome")[0]).toBe("Screened out as junk: no record was made");
  });

  it("says a text still going out may not have gone out only when the server judges it lost", async () => {
    const [latest, ...earlier] = mockGetCalls;
    const element = createPanel();
    const sending = { ...latest, textBackStatus: "Sending", textBackAt: "2026-11-24T14:30:00.000Z" };
    getCalls.emit([{ ...sending, textBackUnconfirmed: false }, ...earlier]);
    await flushPromises();
    expect(element.shadowRoot.querySelector(".text-back").textContent).toBe(
      "A text to the caller is going out."
    );

    getCalls.emit([{ ...sending, textBackUnconfirmed: true }, ...earlier]);
    await flushPromises();
    expect(element.shadowRoot.querySelector(".text-back").textContent).toBe(
      "A text to the caller may not have gone out."
    );
  });

  it("says why they called from the service when the phone system sent no summary, and nothing when neither came", async () => {
    const [latest, ...earlier] = mockGetCalls;
    const element = createPanel();
    getCalls.emit([
      { ...latest, summary: null, intelligence: { ...latest.intelligence, serviceInterest: "Plumbing" } },
      ...earlier
    ]);
    await flushPromises();
    expect(texts(element, ".latest .summary")).toEqual(["About Plumbing"]);

    getCalls.emit([
      { ...latest, summary: null, intelligence: { ...latest.intelligence, serviceInterest: null } },
      ...earlier
    ]);
    await flushPromises();
    expect(element.shadowRoot.querySelector(".latest .summary")).toBeNull();
  });

  it("counts several callbacks the earlier calls owe", async () => {
    const [latest, ...earlier] = mockGetCalls;
    const element = createPanel();
    getCalls.emit([
      latest,
      ...earlier.map((call) => ({ ...call, callbackOwed: true, callbackCompletedAt: null }))
    ]);
    await flushPromises();
    expect(texts(element, ".earlier-toggle")).toEqual(["Earlier calls (2) · 2 callbacks owed"]);
  });

  it("names who owes the callback while it is owed, and not once it is done", async () => {
    const [latest, ...earlier] = mockGetCalls;
    const element = createPanel();
    getCalls.emit([{ ...latest, callbackOwnerName: "Alex Kim" }, ...earlier]);
    await flushPromises();
    expect(element.shadowRoot.querySelector(".latest .callback-owner").textContent).toBe(
      "Assigned to Alex Kim"
    );

    getCalls.emit([
      {
        ...latest,
        callbackOwnerName: "Alex Kim",
        callbackOwed: false,
        callbackCompletedAt: "2026-11-24T14:59:00.000Z"
      },
      ...earlier
    ]);
    await flushPromises();
    expect(element.shadowRoot.querySelector(".latest .callback-owner")).toBeNull();
  });

  it("says a callback is overdue once its due time has passed", async () => {
    Date.now.mockReturnValue(Date.parse("2026-11-24T15:30:00.000Z"));
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    expect(texts(element, ".latest .callback-label")).toEqual([
      "Call back now: it was due at 7:07 AM (23 minutes ago)"
    ]);
    expect(element.shadowRoot.querySelector(".latest .callback").classList).toContain("callback_overdue");
  });

  it("plays a routine call's recording inline when its host is trusted", async () => {
    const element = createPanel({ trustedRecordingHosts: "recordings.example.com, api.twilio.com" });
    getCalls.emit(mockGetCallsRoutine);
    await flushPromises();

    const audio = element.shadowRoot.querySelector("audio");
    expect(audio.getAttribute("src")).toBe(mockGetCallsRoutine[0].recordingUrl);
    expect(audio.getAttribute("aria-label")).toBe("Call recording");
    expect(
      childRoot(element, "c-call-urgency-badge").querySelector(".urgency-badge").textContent.trim()
    ).toBe("Urgency 1 · Routine");
    expect(texts(element, ".latest .callback-label")).toEqual(["No callback needed"]);
    expect(element.shadowRoot.querySelector(".mark-called-back")).toBeNull();
    expect(childTexts(element, "c-call-facts", ".fact dd")).toContain("$150–$250");
  });

  it("links to a recording from an untrusted host instead of playing it", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCallsRoutine);
    await flushPromises();

    expect(element.shadowRoot.querySelector("audio")).toBeNull();
    const link = element.shadowRoot.querySelector(".recording-link");
    expect(link.href).toBe(mockGetCallsRoutine[0].recordingUrl);
    expect(link.textContent).toBe("Open the recording (api.twilio.com)");
  });

  it("never shows a recording that is not https", async () => {
    const element = createPanel({ trustedRecordingHosts: "recordings.example.com" });
    getCalls.emit([{ ...mockGetCalls[0], recordingUrl: "http://recordings.example.com/a.mp3" }]);
    await flushPromises();

    expect(element.shadowRoot.querySelector(".recording")).toBeNull();
  });

  it("shows the empty state with the record's name", async () => {
    const element = createPanel();
    getRecord.emit(mockGetRecord);
    getCalls.emit(mockGetCallsEmpty);
    await flushPromises();

    expect(childRoot(element, "c-call-card-state").querySelector(".empty").textContent).toBe(
      "No calls with Maria Rivera yet. Calls appear here as soon as the phone system sends them."
    );
    expect(getRecord.getLastConfig()).toEqual({ recordId: LEAD_ID, optionalFields: ["Lead.Name"] });
  });

  it("shows Apex errors through the shared error panel", async () => {
    const element = createPanel();
    getCalls.error(mockGetCallsError.body, mockGetCallsError.status, mockGetCallsError.statusText);
    await flushPromises();

    const errorPanel = childRoot(element, "c-call-card-state").querySelector("c-call-error-panel");
    expect(errorPanel.friendlyMessage).toBe("The calls could not be loaded.");
    expect(errorPanel.errors.body.message).toBe(mockGetCallsError.body.message);
    expect(errorPanel.shadowRoot.querySelector(".messages").textContent).toBe(mockGetCallsError.body.message);
  });

  it("marks a callback as done, refreshes the calls and the record, and confirms", async () => {
    markCalledBack.mockResolvedValue();
    const toastHandler = jest.fn();
    const element = createPanel();
    element.addEventListener("lightning__showtoast", toastHandler);
    getCalls.emit(mockGetCalls);
    await flushPromises();

    element.shadowRoot.querySelector(".mark-called-back").click();
    await flushPromises();

    expect(markCalledBack).toHaveBeenCalledWith({ callRecordId: mockGetCalls[0].id });
    expect(refreshApex).toHaveBeenCalledTimes(1);
    expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: LEAD_ID }]);
    expect(toastHandler).toHaveBeenCalledTimes(1);
    expect(toastHandler.mock.calls[0][0].detail.variant).toBe("success");

    getCalls.emit([
      { ...mockGetCalls[0], callbackOwed: false, callbackCompletedAt: "2026-11-24T14:59:00.000Z" }
    ]);
    await flushPromises();
    expect(texts(element, ".latest .callback-label")).toEqual(["Called back 1 minute ago"]);
    expect(element.shadowRoot.querySelector(".mark-called-back")).toBeNull();
  });

  it("shows why a callback could not be recorded", async () => {
    markCalledBack.mockRejectedValue({
      body: { message: "The callback task could not be completed: locked" }
    });
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();

    element.shadowRoot.querySelector(".mark-called-back").click();
    await flushPromises();

    const errorPanel = element.shadowRoot.querySelector("c-call-error-panel");
    expect(errorPanel.friendlyMessage).toBe("The callback could not be recorded.");
    expect(refreshApex).not.toHaveBeenCalled();
    expect(element.shadowRoot.querySelector(".mark-called-back").disabled).toBe(false);
  });

  it("offers Mark called back on an earlier call that still owes one", async () => {
    markCalledBack.mockResolvedValue();
    const element = createPanel();
    getCalls.emit([
      mockGetCalls[1],
      {
        ...mockGetCalls[2],
        callbackOwed: true,
        intelligence: { ...mockGetCalls[2].intelligence, callbackDueAt: null }
      }
    ]);
    await flushPromises();

    // An owed callback shows on the folded list's heading, so the fold never hides it.
    expect(texts(element, ".earlier-toggle")).toEqual(["Earlier calls (1) · 1 callback owed"]);
    element.shadowRoot.querySelector(".earlier-toggle").click();
    await flushPromises();
    expect(texts(element, ".earlier-call .callback-label")).toEqual(["Call back: the caller is waiting"]);
    element.shadowRoot.querySelector(".earlier-call .mark-called-back").click();
    await flushPromises();

    expect(markCalledBack).toHaveBeenCalledWith({ callRecordId: mockGetCalls[2].id });
  });

  it("is accessible with a call, empty and in error", async () => {
    const element = createPanel();
    getCalls.emit(mockGetCalls);
    await flushPromises();
    await expect(element).toBeAccessible();

    getCalls.emit(mockGetCallsEmpty);
    await flushPromises();
    await expect(element).toBeAccessible();

    getCalls.error(mockGetCallsError.body);
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});
