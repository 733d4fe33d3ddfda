/**
 * Which words of a call the intelligence used and why, as the Why list and the highlighted transcript show them
 * (docs/intelligence.md, "Explanations"): the exact phrase each rule used (by its position, so never every
 * occurrence of it and never a negated one), who said it ("the caller said", "the receptionist confirmed"), why a
 * phrase did not count, and the reasons grouped so no line repeats. Pure functions; template bindings render the
 * results (never innerHTML: the text is what a caller said).
 */
import { explanationOrigin, formatBudget, mergeRanges, urgencyView } from "c/callFormat";

// Why a phrase did not count (Explanation.negation), in words.
const NOT_COUNTED = {
  negated: "Not counted: the caller said it is not so",
  hedged: "Not counted: the caller was not sure",
  caller_will_call: "Not counted: the caller will call back themselves",
  declined: "Not counted: the caller declined the offer",
  business_only: "Not counted: only the receptionist said it"
};

// Who said the words and why they count (Explanation.speaker and basis), in words.
function whoSaid(explanation) {
  const { speaker, basis } = explanation;
  if (basis === "accepted") {
    return "the caller agreed to";
  }
  if (basis === "restated") {
    return "the receptionist confirmed";
  }
  if (basis === "business" || speaker === "business") {
    return explanation.kind === "Negation" ? "the receptionist said" : "the receptionist mentioned";
  }
  if (speaker === "summary") {
    return "the call summary says";
  }
  if (speaker === "caller") {
    return "the caller said";
  }
  return "";
}

/**
 * What a finding says in words: "Emergency (urgency 5)", "Callback requested", "Service: Plumbing", or why a
 * phrase did not count.
 * @param {{kind:string, negation?:string}} explanation
 * @param {object} call the call (its urgency, service, timeline, budget), may be empty
 * @returns {string}
 */
export function understood(explanation, call = {}) {
  switch (explanation.kind) {
    case "Urgency": {
      const urgency = urgencyView(call.urgency);
      return urgency ? `${urgency.word} (urgency ${urgency.level})` : "Urgency";
    }
    case "Callback":
      return "Callback requested";
    case "Negation":
      return NOT_COUNTED[explanation.negation] || "Not counted";
    case "Service":
      return call.serviceInterest ? `Service: ${call.serviceInterest}` : "Service";
    case "Timeline":
      return call.timeline ? `Timeline: ${call.timeline}` : "Timeline";
    case "Budget": {
      const budget = formatBudget(call);
      return budget ? `Budget: ${budget}` : "Budget";
    }
    default:
      return explanation.kind || "Finding";
  }
}

/**
 * The Why list: explanations grouped by what they say and where they came from, each group with the phrases
 * behind it (who said what, in context) and its rules' descriptions.
 * @param {object[]} explanations as Apex returns them (CallIntelligence.Explanation: kind, rule, matched, snippet,
 * source, speaker, basis, negation)
 * @param {object} [call] what the call was worth (its intelligence: urgency, service, timeline, budget) and its
 * disposition, so a finding can say what it meant
 * @param {Object<string, string>} [ruleDescriptions] what the rules are for, by rule name, shown under their findings
 * @returns {{key:string, kind:string, understood:string, origin:string, evidence:object[], descriptions:object[]}[]}
 */
export function explanationGroups(explanations, call = {}, ruleDescriptions = {}) {
  const groups = new Map();
  for (const explanation of explanations || []) {
    const words = understood(explanation, call);
    const groupKey = `${explanation.kind}|${words}|${explanation.source}`;
    if (!groups.has(groupKey)) {
      groups.set(groupKey, {
        key: `g${groups.size}`,
        kind: explanation.kind,
        understood: words,
        source: explanation.source,
        origin: explanationOrigin(explanation, call),
        evidence: [],
        descriptions: []
      });
    }
    const group = groups.get(groupKey);
    const fromText = explanation.source === "rule" && !!explanation.matched;
    if (fromText) {
      group.evidence.push({
        key: `${group.key}e${group.evidence.length}`,
        who: whoSaid(explanation),
        matched: explanation.matched,
        snippet: explanation.snippet || "",
        phrases: [explanation.matched]
      });
    }
    const description = explanation.source === "rule" ? ruleDescriptions[explanation.rule] : "";
    if (description && !group.descriptions.some((known) => known.text === description)) {
      group.descriptions.push({ key: `${group.key}d${group.descriptions.length}`, text: description });
    }
  }
  return [...groups.values()];
}

/** Words compared as a reader sees them: case and spacing aside. */
const sameWords = (left, right) =>
  left.replace(/\s+/g, " ").trim().toLowerCase() === right.replace(/\s+/g, " ").trim().toLowerCase();

/** The first whole-word occurrence of a phrase, for explanations stored before positions were. */
function firstOccurrence(text, phrase) {
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (!words.length) {
    return null;
  }
  const body = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
  const match = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, "iu").exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/**
 * Where in a text the phrases the intelligence used are: each counted rule match at the position the engine
 * recorded (when it is still the same words there), else, for explanations without positions, the phrase's first
 * occurrence. Negated or uncounted phrases, sender values and defaults are never marked.
 * @param {string} text the transcript (or summary) as stored
 * @param {object[]} explanations the call's explanations
 * @param {string} [field] which part of the call the text is: transcript or summary
 * @returns {{start:number, end:number}[]} sorted, not overlapping
 */
export function evidenceRanges(text, explanations, field = "transcript") {
  if (!text) {
    return [];
  }
  const ranges = [];
  for (const explanation of explanations || []) {
    if (explanation.source !== "rule" || explanation.kind === "Negation" || !explanation.matched) {
      continue;
    }
    const { startIndex, endIndex } = explanation;
    const positioned = Number.isInteger(startIndex) && Number.isInteger(endIndex);
    if (positioned && (explanation.field || "transcript") !== field) {
      continue;
    }
    if (
      positioned &&
      endIndex <= text.length &&
      sameWords(text.slice(startIndex, endIndex), explanation.matched)
    ) {
      ranges.push({ start: startIndex, end: endIndex });
      continue;
    }
    // Stored before positions were, or the stored text changed: the phrase where it first appears.
    const found = firstOccurrence(text, explanation.matched);
    if (found) {
      ranges.push(found);
    }
  }
  return mergeRanges(ranges);
}

/**
 * The ranges that fall inside a slice of the text (a conversation turn), moved to the slice's own positions.
 * @param {{start:number, end:number}[]} ranges positions in the whole text
 * @param {number} sliceStart where the slice starts in the whole text
 * @param {number} sliceEnd where it ends
 * @returns {{start:number, end:number}[]}
 */
export function rangesWithin(ranges, sliceStart, sliceEnd) {
  return (ranges || [])
    .filter((range) => range.end > sliceStart && range.start < sliceEnd)
    .map((range) => ({
      start: Math.max(range.start, sliceStart) - sliceStart,
      end: Math.min(range.end, sliceEnd) - sliceStart
    }));
}
