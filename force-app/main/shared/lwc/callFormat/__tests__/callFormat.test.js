import {
  clockTime,
  conversationTurns,
  dispositionView,
  absoluteTime,
  callbackView,
  explanationOrigin,
  formatBudget,
  durationLabel,
  formatDuration,
  highlightSegments,
  matchedPhrases,
  nextStepView,
  outcomeView,
  recordingView,
  relativeTime,
  textBackView,
  urgencyReason,
  urgencyView
} from "c/callFormat";

const NOW = Date.parse("2026-11-24T15:00:00.000Z");

describe("c-call-format", () => {
  it("names every urgency level in words with an icon", () => {
    expect([1, 2, 3, 4, 5].map((level) => urgencyView(level).label)).toEqual([
      "1 · Routine",
      "2 · Low",
      "3 · Moderate",
      "4 · Urgent",
      "5 · Emergency"
    ]);
    expect(urgencyView(5).iconName).toBe("utility:warning");
    expect(urgencyView(null)).toBeNull();
    expect(urgencyView(9)).toBeNull();
  });

  it("says how long ago or how soon, from a fixed now", () => {
    expect(relativeTime("2026-11-24T14:59:30.000Z", NOW)).toBe("just now");
    expect(relativeTime("2026-11-24T15:00:20.000Z", NOW)).toBe("in less than a minute");
    expect(relativeTime("2026-11-24T12:00:00.000Z", NOW)).toBe("3 hours ago");
    expect(relativeTime("2026-11-23T15:00:00.000Z", NOW)).toBe("yesterday");
    expect(relativeTime("2026-12-08T15:00:00.000Z", NOW)).toBe("in 2 weeks");
    expect(relativeTime(NOW - 400 * 24 * 3600 * 1000, NOW)).toBe("last year");
    expect(relativeTime(null, NOW)).toBe("");
  });

  it("writes date-times in the user's time zone", () => {
    expect(absoluteTime("2026-11-24T15:00:00.000Z")).toBe("Nov 24, 2026, 7:00 AM");
    expect(absoluteTime(undefined)).toBe("");
  });

  it("writes durations in minutes and seconds", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(120)).toBe("2 min");
    expect(formatDuration(184)).toBe("3 min 4 s");
    expect(formatDuration(null)).toBe("");
  });

  it("says Missed for a call nobody answered, never a length of 0 s", () => {
    expect(durationLabel({ disposition: "answered", durationSeconds: 184 })).toBe("3 min 4 s");
    expect(durationLabel({ disposition: "voicemail", durationSeconds: 38 })).toBe("38 s");
    // the call's ending already says Missed
    expect(durationLabel({ disposition: "missed", durationSeconds: 0 })).toBe("");
    expect(durationLabel({ disposition: "abandoned", durationSeconds: 4 })).toBe("");
    expect(durationLabel({ durationSeconds: 0 })).toBe("Missed");
    expect(durationLabel({ disposition: "answered", durationSeconds: 0 })).toBe("0 s");
    expect(durationLabel({})).toBe("");
  });

  it("says what to do next: call back by when, now, or nothing", () => {
    const due = (callbackDue) => nextStepView({ callbackOwed: true, callbackDue }, NOW).label;
    // NOW is 7:00 AM in the user's time zone (America/Los_Angeles in the tests)
    expect(due("2026-11-24T15:07:00.000Z")).toBe("Call back by 7:07 AM (in 7 minutes)");
    expect(due("2026-11-25T17:00:00.000Z")).toBe("Call back by Nov 25, 2026, 9:00 AM (tomorrow)");
    expect(due("2026-11-24T14:37:00.000Z")).toBe("Call back now: it was due at 6:37 AM (23 minutes ago)");
    expect(nextStepView({ callbackOwed: true }, NOW).label).toBe("Call back: the caller is waiting");
    expect(nextStepView({ callbackOwed: false }, NOW).label).toBe("No callback needed");
    const done = nextStepView({ callbackCompletedAt: "2026-11-24T14:59:00.000Z" }, NOW);
    expect([done.state, done.label, done.owed]).toEqual(["done", "Called back 1 minute ago", false]);
    expect(nextStepView({ callbackOwed: true, callbackDue: "2026-11-24T14:37:00.000Z" }, NOW).state).toBe(
      "overdue"
    );
  });

  it("gives one plain reason for the urgency", () => {
    expect(
      urgencyReason([
        { kind: "Callback", matched: "call me back", source: "rule" },
        { kind: "Urgency", matched: "flooding", source: "rule" },
        { kind: "Urgency", matched: "burst pipe", source: "rule" }
      ])
    ).toBe("Said “flooding”");
    expect(urgencyReason([{ kind: "Negation", matched: "no rush", source: "rule" }])).toBe("Said “no rush”");
    expect(urgencyReason([{ kind: "Urgency", matched: "5", source: "sender" }])).toBe(
      "Set by the phone system"
    );
    expect(urgencyReason([{ kind: "Urgency", source: "default" }])).toBe("Nothing urgent was said");
    expect(urgencyReason([{ kind: "Service", matched: "pipe", source: "rule" }])).toBe("");
    expect(urgencyReason(undefined)).toBe("");
  });

  it("writes a budget as a range or an amount in its currency", () => {
    expect(
      formatBudget({ budgetMin: 8000, budgetMax: 12000, budgetAmount: 10000, budgetCurrency: "USD" })
    ).toBe("$8,000–$12,000");
    expect(formatBudget({ budgetMin: 5000, budgetMax: 5000, budgetAmount: 5000 })).toBe("$5,000");
    expect(formatBudget({ budgetAmount: 4200, budgetCurrency: "EUR" })).toBe("€4,200");
    expect(formatBudget({})).toBe("");
  });

  it("tells owed, due, overdue, done and no callback apart", () => {
    expect(callbackView({ callbackOwed: false }, NOW).state).toBe("none");
    expect(callbackView({ callbackOwed: true }, NOW).label).toBe("Callback owed");
    expect(callbackView({ callbackOwed: true, callbackDue: "2026-11-24T15:15:00.000Z" }, NOW).label).toBe(
      "Callback due in 15 minutes"
    );
    const overdue = callbackView({ callbackOwed: true, callbackDue: "2026-11-24T13:00:00.000Z" }, NOW);
    expect(overdue.label).toBe("Callback overdue: was due 2 hours ago");
    expect(overdue.iconName).toBe("utility:warning");
    expect(
      callbackView({ callbackOwed: false, callbackCompletedAt: "2026-11-24T14:00:00.000Z" }, NOW).label
    ).toBe("Called back 1 hour ago");
  });

  it("splits text at every case-insensitive whole-word match, merging overlaps", () => {
    const segments = highlightSegments("Flooding! The flooding is bad, floodin", [
      "flooding",
      "flooding is",
      "",
      null
    ]);

    expect(segments.map((segment) => [segment.text, segment.highlighted])).toEqual([
      ["Flooding", true],
      ["! The ", false],
      ["flooding is", true],
      [" bad, floodin", false]
    ]);
    expect(new Set(segments.map((segment) => segment.key)).size).toBe(segments.length);
  });

  it("matches whole words only: pipe is not highlighted inside pipes", () => {
    const segments = highlightSegments("Two pipes burst; the pipe_valve and one pipe.", ["pipe"]);

    expect(segments.filter((segment) => segment.highlighted).map((segment) => segment.text)).toEqual([
      "pipe"
    ]);
  });

  it("matches a phrase across a line break or several spaces", () => {
    const segments = highlightSegments("We have a burst\npipe and a burst   pipe", ["burst pipe"]);

    expect(segments.filter((segment) => segment.highlighted).map((segment) => segment.text)).toEqual([
      "burst\npipe",
      "burst   pipe"
    ]);
  });

  it("treats phrases literally, not as patterns", () => {
    const segments = highlightSegments("Budget is $10,000 (firm) or 10k", ["$10,000 (firm)", "10k"]);

    expect(segments.filter((segment) => segment.highlighted).map((segment) => segment.text)).toEqual([
      "$10,000 (firm)",
      "10k"
    ]);
  });

  it("returns the text as one plain segment when nothing matched, and nothing for no text", () => {
    expect(highlightSegments("No rush at all", [])).toEqual([
      { key: "s0", text: "No rush at all", highlighted: false }
    ]);
    expect(highlightSegments("No rush", undefined)).toEqual([
      { key: "s0", text: "No rush", highlighted: false }
    ]);
    expect(highlightSegments("", ["rush"])).toEqual([]);
  });

  it("keeps characters that are special in patterns as plain text", () => {
    const segments = highlightSegments("Budget (approx.) $8,000-12,000.", ["$8,000-12,000", "(approx.)"]);

    expect(segments.filter((segment) => segment.highlighted).map((segment) => segment.text)).toEqual([
      "(approx.)",
      "$8,000-12,000"
    ]);
  });

  it("says where each finding came from, a default as what it stands for", () => {
    const findings = [
      {
        kind: "Urgency",
        rule: "Urgency_Flooding",
        matched: "flooding",
        snippet: "is flooding",
        source: "rule"
      },
      { kind: "Service", matched: "HVAC", source: "sender" },
      { kind: "Timeline", source: "default" },
      { kind: "Budget", source: "custom" },
      { kind: "Urgency", source: "default" },
      { kind: "Callback", source: "default" }
    ];
    const origins = findings.map((finding) => explanationOrigin(finding, { disposition: "missed" }));

    expect(origins).toEqual([
      "From your rules",
      "From the phone system",
      "Usual for calls like this",
      "From custom",
      "Nothing urgent was said",
      "The call was missed"
    ]);
    expect(explanationOrigin({ kind: "Callback", source: "default" }, { disposition: "voicemail" })).toBe(
      "The caller left a voicemail"
    );
    expect(origins.join(" ")).not.toContain("Urgency_Flooding");
    expect(
      matchedPhrases([
        { matched: "a", source: "rule" },
        { matched: "5", source: "sender" },
        { matched: "1", source: "default" },
        { matched: null, source: "rule" },
        {}
      ])
    ).toEqual(["a"]);
    expect(matchedPhrases(undefined)).toEqual([]);
  });

  it("plays recordings only from trusted https hosts and never shows other schemes", () => {
    expect(recordingView("https://API.twilio.com/r.mp3", "api.twilio.com")).toEqual({
      url: "https://api.twilio.com/r.mp3",
      host: "api.twilio.com",
      playable: true
    });
    expect(recordingView("https://cdn.example.com/r.mp3", " api.twilio.com , ").playable).toBe(false);
    expect(recordingView("https://cdn.example.com/r.mp3", undefined).playable).toBe(false);
    expect(recordingView("http://api.twilio.com/r.mp3", "api.twilio.com")).toBeNull();
    expect(recordingView("data:audio/mpeg;base64,AAAA", "")).toBeNull();
    expect(recordingView("not a url", "")).toBeNull();
    expect(recordingView(null, "")).toBeNull();
  });

  it("says how the call ended and who answered, in words with an icon", () => {
    expect(dispositionView("answered", "ai")).toEqual({
      label: "Answered by the AI receptionist",
      iconName: "utility:einstein"
    });
    expect(dispositionView("answered", "human").label).toBe("Answered by a person");
    expect(dispositionView("missed", "none")).toEqual({ label: "Missed", iconName: "utility:missed_call" });
    expect(dispositionView("voicemail", "voicemail").label).toBe("Left a voicemail");
    expect(dispositionView(null, "voicemail").label).toBe("Left a voicemail");
    expect(dispositionView("abandoned", "none").label).toBe("Caller hung up before an answer");
    expect(dispositionView("answered", null).label).toBe("Answered");
    expect(dispositionView(null, null)).toBeNull();
  });

  it("reads speaker turns with their times from a transcript", () => {
    const transcript =
      "AI: Thanks for calling Rivera Plumbing.\nCaller: My basement is flooding!\nIt is bad.\nAI: Help is on the way.";
    const turns = conversationTurns(transcript, [0, 4200, null, 65000], "ai");

    expect(turns.map((turn) => [turn.role, turn.speaker, turn.text, turn.time, turn.startSeconds])).toEqual([
      ["ai", "AI receptionist", "Thanks for calling Rivera Plumbing.", "0:00", 0],
      ["caller", "Caller", "My basement is flooding! It is bad.", "0:04", 4],
      ["ai", "AI receptionist", "Help is on the way.", "1:05", 65]
    ]);
  });

  it("names the person who answered, and keeps unknown speakers as written", () => {
    const turns = conversationTurns("Agent: Rivera Plumbing, Ana speaking.\nJohn Doe: Hi Ana.", [], "human");

    expect(turns.map((turn) => [turn.role, turn.speaker, turn.time])).toEqual([
      ["person", "Your team", ""],
      ["other", "John Doe", ""]
    ]);
  });

  it("treats text without speaker turns as plain text", () => {
    expect(conversationTurns("My basement is flooding, please come today.", [])).toEqual([]);
    expect(conversationTurns("Note: caller hung up.", [])).toEqual([]);
    expect(conversationTurns("Flooding again.\nCaller: help", [])).toEqual([]);
    expect(conversationTurns(null)).toEqual([]);
  });

  it("writes recording positions as clock times", () => {
    expect(clockTime(0)).toBe("0:00");
    expect(clockTime(65.9)).toBe("1:05");
    expect(clockTime(3723)).toBe("1:02:03");
    expect(clockTime(-3)).toBe("0:00");
  });

  it("puts a failed or unreviewed status before the outcome", () => {
    expect(outcomeView("lead_created", "Processed").label).toBe("Lead created");
    expect(outcomeView("lead_created", "Failed").label).toBe("Not on this record yet: the call is kept");
    expect(outcomeView(null, "Needs Review").label).toBe(
      "Not on this record yet: the caller matched more than one"
    );
    expect(outcomeView(null, "Queued").label).toBe("Arriving: the call is being saved");
    expect(outcomeView(null, "Needs Review").iconName).toBe("utility:question");
    expect(outcomeView(undefined, undefined).label).toBe("No record change");
    expect(outcomeView("filtered", "Filtered").label).toBe("Screened out as junk: no record was made");
    expect(outcomeView("filtered", undefined).iconName).toBe("utility:ban");
  });

  it("says in a rep's words whether the missed caller was texted back, never the provider's error", () => {
    expect(textBackView("Sent", "2026-11-24T14:53:00.000Z")).toBe(
      `Texted the caller back: ${absoluteTime("2026-11-24T14:53:00.000Z")}.`
    );
    expect(textBackView("Skipped", "2026-11-24T14:53:00.000Z")).toBe("No text went to the caller.");
    expect(textBackView("Failed", "2026-11-24T14:53:00.000Z")).toBe("No text went to the caller.");
    expect(textBackView("Sending", "2026-11-24T14:58:00.000Z", false)).toBe(
      "A text to the caller is going out."
    );
    // whether a text still going out was lost is the server's judgement (its clock, its window), not the browser's
    expect(textBackView("Sending", "2026-11-24T14:30:00.000Z", true)).toBe(
      "A text to the caller may not have gone out."
    );
    expect(textBackView("Sending", "2026-11-24T14:30:00.000Z")).toBe("A text to the caller is going out.");
    expect(textBackView(undefined, undefined)).toBe("");
  });
});
