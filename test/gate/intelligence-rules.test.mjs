// Self-test of the intelligence rule checks (scripts/check/intelligence-rules.mjs, step apex-rules): each planted
// defect in test/gate/fixtures/intelligence-rules is the step's finding, on exactly its line, and the sound patterns
// beside them (the speaker labels, the security code) are not. The shipped rules are ShippedRules_Tests'
// (apex-jvm.test.mjs).
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

test("apex-rules: a stale test rule set, and engine regexes past the read budget or not bounded", async () => {
  assertCaughtBy(await runSteps("intelligence-rules", ["apex-rules"]), [
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
    [
      "force-app/tests/intelligence/classes/IntelligenceTestRules.cls:1",
      "[intelligence-test-rules] IntelligenceTestRules.cls is not what the shipped records give"
    ]
  ]);
});
