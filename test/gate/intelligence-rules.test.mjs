// Self-test of the intelligence rule checks (scripts/check/intelligence-rules.mjs, step apex-rules): each planted
// defect in test/gate/fixtures/intelligence-rules is the step's finding, on exactly its line, and the sound rules and
// patterns beside them (Urgency_Flooding, Urgency_Burst_Pipe alone, the negator, the speaker labels, the security
// code) are not. Rules without an example or hidden by another are ShippedRuleExamples_Tests' (rule-examples.test.mjs).
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

test("apex-rules: a stale test rule set, and regexes past the read budget", async () => {
  assertCaughtBy(await runSteps("intelligence-rules", ["format", "apex-rules"]), [
    // a redactor whose two repetitions share digits and spaces: millions of reads on grouped digits
    [
      "classes/CardNumberRedactor.cls:8",
      "[regex-read-bound] CardNumberRedactor.CARD_CANDIDATE reads a 2000-character text"
    ],
    // a new engine Pattern nobody bounded
    [
      "classes/SpeakerTurns.cls:9",
      "[regex-read-bound] GREETING_ECHO: an engine Pattern the regex-read check does not know"
    ],
    // the worst rule an admin writes the usual way, alone and in its kind's alternation
    [
      "customMetadata/Intelligence_Rule.Urgency_Leak_Anywhere.md-meta.xml:1",
      "[regex-read-bound] Intelligence_Rule Urgency_Leak_Anywhere reads a 5000-character text more than RegexCost.READ_BUDGET"
    ],
    [
      "customMetadata/Intelligence_Rule.Urgency_Burst_Pipe.md-meta.xml:1",
      "[regex-read-bound] the Regex alternation of Urgency reads a 1000-character text"
    ],
    [
      "force-app/tests/intelligence/classes/IntelligenceTestRules.cls:1",
      "[intelligence-test-rules] IntelligenceTestRules.cls is not what the shipped records give"
    ]
  ]);
});
