import { evidenceRanges, explanationGroups, rangesWithin, understood } from "c/callEvidence";
import { rangeSegments } from "c/callFormat";

const TEXT = "AI: Is this an emergency?\nCaller: Yes, the basement is flooding and it's an emergency.";
const at = (phrase, from = 0) => {
  const start = TEXT.indexOf(phrase, from);
  return { startIndex: start, endIndex: start + phrase.length, field: "transcript" };
};

describe("c/callEvidence", () => {
  it("groups the reasons so no line repeats, keeping every phrase under its finding", () => {
    const groups = explanationGroups(
      [
        {
          kind: "Urgency",
          rule: "Urgency_Flooding",
          matched: "flooding",
          snippet: "basement is flooding",
          source: "rule",
          speaker: "caller",
          basis: "said"
        },
        {
          kind: "Urgency",
          rule: "Urgency_Emergency",
          matched: "emergency",
          snippet: "Is this an emergency?",
          source: "rule",
          speaker: "business",
          basis: "accepted"
        },
        { kind: "Urgency", rule: "Sender", matched: "4", source: "sender" },
        { kind: "Callback", rule: "Disposition", matched: "voicemail", source: "default" }
      ],
      { urgency: 5 }
    );

    expect(groups.map((group) => `${group.understood} · ${group.origin}`)).toEqual([
      "Emergency (urgency 5) · From your rules",
      "Emergency (urgency 5) · From the phone system",
      "Callback requested · The call was missed"
    ]);
    expect(groups[0].evidence.map((item) => `${item.who} "${item.matched}"`)).toEqual([
      'the caller said "flooding"',
      'the caller agreed to "emergency"'
    ]);
    expect(groups[1].evidence).toEqual([]);
  });

  it("says what each finding understood, in words, from the call's values", () => {
    const call = {
      urgency: 5,
      serviceInterest: "Plumbing",
      timeline: "Immediate",
      budgetMin: 8000,
      budgetMax: 12000
    };

    expect(
      ["Urgency", "Callback", "Service", "Timeline", "Budget", "Other"].map((kind) =>
        understood({ kind }, call)
      )
    ).toEqual([
      "Emergency (urgency 5)",
      "Callback requested",
      "Service: Plumbing",
      "Timeline: Immediate",
      "Budget: $8,000–$12,000",
      "Other"
    ]);
    expect(understood({ kind: "Service" })).toBe("Service");
  });

  it("says who said it and why it counts, or why it did not", () => {
    const phrase = (fields) =>
      explanationGroups([
        { kind: "Timeline", matched: "today", snippet: "today", source: "rule", ...fields }
      ])[0].evidence[0].who;

    expect(phrase({ speaker: "summary", basis: "said" })).toBe("the call summary says");
    expect(phrase({ speaker: "business", basis: "restated" })).toBe("the receptionist confirmed");
    expect(phrase({ speaker: "business", basis: "business" })).toBe("the receptionist mentioned");
    expect(phrase({})).toBe("");
    expect(understood({ kind: "Negation", negation: "hedged" })).toBe("Not counted: the caller was not sure");
    expect(understood({ kind: "Negation", negation: "business_only" })).toBe(
      "Not counted: only the receptionist said it"
    );
    expect(understood({ kind: "Negation", negation: "declined" })).toBe(
      "Not counted: the caller declined the offer"
    );
    expect(understood({ kind: "Negation" })).toBe("Not counted");
  });

  it("finds the phrase the engine used by its position, not its first occurrence", () => {
    const second = TEXT.indexOf("emergency", TEXT.indexOf("Caller"));
    const ranges = evidenceRanges(TEXT, [
      { kind: "Urgency", matched: "emergency", source: "rule", ...at("emergency", second) },
      { kind: "Negation", matched: "emergency", source: "rule", ...at("emergency") }
    ]);

    expect(ranges).toEqual([{ start: second, end: second + "emergency".length }]);
  });

  it("falls back to the first occurrence when the stored text no longer has the words there", () => {
    const ranges = evidenceRanges(TEXT, [
      {
        kind: "Urgency",
        matched: "flooding",
        source: "rule",
        startIndex: 0,
        endIndex: 8,
        field: "transcript"
      }
    ]);

    expect(ranges).toEqual([{ start: TEXT.indexOf("flooding"), end: TEXT.indexOf("flooding") + 8 }]);
  });

  it("keeps phrases of the summary out of the transcript", () => {
    expect(
      evidenceRanges(TEXT, [
        { kind: "Service", matched: "basement", source: "rule", startIndex: 0, endIndex: 8, field: "summary" }
      ])
    ).toEqual([]);
  });

  it("cuts ranges to a conversation turn and splits text at them", () => {
    const caller = TEXT.indexOf("Yes");
    const ranges = rangesWithin(
      [{ start: TEXT.indexOf("flooding"), end: TEXT.indexOf("flooding") + 8 }],
      caller,
      TEXT.length
    );

    expect(
      rangeSegments(TEXT.slice(caller), ranges)
        .filter((s) => s.highlighted)
        .map((s) => s.text)
    ).toEqual(["flooding"]);
    expect(rangeSegments("", ranges)).toEqual([]);
  });
});
