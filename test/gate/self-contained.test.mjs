// Self-test of the `self-contained` rule (scripts/check/self-contained.mjs, step apex-rules): the fixture
// test/gate/fixtures/self-contained cites notes kept outside the repository and issue numbers in a class comment,
// the README, a docs page and a script, beside text that only looks alike (a phone extension, a colour, a GitHub
// reference to another project); apex-rules is the step that fails, on exactly the planted lines.
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

/** A citation as the rule quotes it, assembled from parts so that this file does not cite anything itself. */
const cites = (what, ...parts) => `[self-contained] cites ${what} ("${parts.join("")}")`;
const FILE = "a file outside the repository";
const ISSUE = "an issue number";

test("self-contained fixture: citations of files outside the repository and of issue numbers are refused", async () => {
  assertCaughtBy(await runSteps("self-contained", ["format", "apex-rules"]), [
    ["classes/CallShape.cls:2", cites(FILE, "product", ".md")],
    ["README.md:3", cites(ISSUE, "issue", " #18")],
    ["docs/design.md:3", cites(ISSUE, "(", "#13)")],
    ["docs/design.md:5", cites(ISSUE, "issue", " 15")],
    ["scripts/tool.mjs:1", cites(FILE, "toolchain", ".md")],
    ["scripts/tool.mjs:1", cites("a folder outside the repository", "..", "/shared")]
  ]);
});
