// Self-test of the `self-contained` rule (scripts/check/self-contained.mjs, step apex-rules). The repository itself
// must cite nothing outside it, so the planted citations are not committed: the test copies the fixture
// test/gate/fixtures/self-contained (which holds only look-alikes: a phone extension, a colour, a GitHub reference
// to another project) into a temporary folder, writes a citation of the outside notes and of issue numbers into a
// class comment, the README, a docs page and a script, assembled from parts, and expects apex-rules to fail on
// exactly those lines.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { assertCaughtBy, fixture, runScript } from "./gate-run.mjs";

const joined = (...parts) => parts.join("");
/** A citation as the rule quotes it. */
const cites = (what, ...parts) => `[self-contained] cites ${what} ("${joined(...parts)}")`;
const FILE = "a file outside the repository";
const ISSUE = "an issue number";

/** Each planted line: the file, the line it becomes, its text. */
const PLANTED = [
  [
    "force-app/main/default/classes/CallShape.cls",
    2,
    ` * @description Planted: a class comment that cites the product notes (${joined("product", ".md")} §3).`
  ],
  ["README.md", 3, `Why the extension parser drops everything after the key: ${joined("issue", " #18")}.`],
  ["docs/design.md", 3, `The retry rules follow the decision taken in review ${joined("(", "#13)")}.`],
  ["docs/design.md", 5, `The SDK adds its own limit, see ${joined("issue", " 15")} for the numbers.`],
  ["scripts/tool.mjs", 1, `// Planted: see the notes in ${joined("..", "/shared/", "toolchain", ".md")}.`]
];

const root = fs.mkdtempSync(path.join(os.tmpdir(), "gate-self-contained-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Inserts the line at its number (1-based), padding a new or short file with blank lines. */
function plant(file, lineNumber, text) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const lines = fs.existsSync(target) ? fs.readFileSync(target, "utf8").split("\n") : [""];
  while (lines.length < lineNumber - 1) lines.push("");
  lines.splice(lineNumber - 1, 0, text);
  fs.writeFileSync(target, lines.join("\n"));
}

test("self-contained: citations of files outside the repository and of issue numbers are refused", async () => {
  fs.cpSync(fixture("self-contained"), root, { recursive: true });
  for (const [file, lineNumber, text] of PLANTED) plant(file, lineNumber, text);
  const steps = ["apex-rules"];
  const result = await runScript("run-all.mjs", ["--root", root, "--only", steps.join(",")]);
  assertCaughtBy({ ...result, steps }, [
    ["classes/CallShape.cls:2", cites(FILE, "product", ".md")],
    ["README.md:3", cites(ISSUE, "issue", " #18")],
    ["docs/design.md:3", cites(ISSUE, "(", "#13)")],
    ["docs/design.md:5", cites(ISSUE, "issue", " 15")],
    ["scripts/tool.mjs:1", cites(FILE, "toolchain", ".md")],
    ["scripts/tool.mjs:1", cites("a folder outside the repository", "..", "/shared")]
  ]);
});
