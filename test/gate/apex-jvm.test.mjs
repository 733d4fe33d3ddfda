// The intelligence step (test/apex-jvm: the engine's Apex translated to Java and run against the conformance
// vectors) proves it can fail: on a copy of this project with a rule written like a real mistake, with an
// admin rule that passes Apex's regex limit, and on Apex the translator must refuse rather than guess.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { compileRunner, readProject, translateProject } from "../apex-jvm/build.mjs";
import { fixture, repoRoot, runScript } from "./gate-run.mjs";

const planted = fs.mkdtempSync(path.join(os.tmpdir(), "apex-jvm-planted-"));
after(() => fs.rmSync(planted, { recursive: true, force: true }));

/**
 * The Apex test classes of the planted copy besides the planted ones: the vectors' own test and the rules it
 * reads (the vector runner calls into both). The engine's other test classes, the real-call vectors and
 * PhoneKeys_Tests are left out of the copy: the intelligence step runs them on this project, and on the copy
 * they would only repeat that work (most of the step's CPU) without bearing on the planted defects.
 */
const KEPT_TEST_CLASSES = new Set(["IntelligenceTestRules", "IntelligenceVectors_Tests"]);

/** Deletes a file and its meta file from the planted copy. */
function removeFromCopy(file, meta = `${file}-meta.xml`) {
  for (const f of [file, meta]) fs.rmSync(path.join(planted, f), { force: true });
}

/**
 * A copy of the project whose IntelligenceTestRules misspells the Emergency keyword, with a greedy admin rule
 * and an Apex test that expects the card redactor to keep a card number.
 */
function plantDefects() {
  fs.cpSync(path.join(repoRoot, "force-app"), path.join(planted, "force-app"), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, "sfdx-project.json"), path.join(planted, "sfdx-project.json"));
  const testsDir = "force-app/tests/intelligence/classes";
  for (const file of fs.readdirSync(path.join(planted, testsDir)).filter((f) => f.endsWith(".cls"))) {
    if (!KEPT_TEST_CLASSES.has(path.basename(file, ".cls"))) removeFromCopy(path.join(testsDir, file));
  }
  removeFromCopy("force-app/tests/matching/classes/PhoneKeys_Tests.cls");
  const realCalls = "force-app/main/intelligence/staticresources/RealCallVectors";
  removeFromCopy(`${realCalls}.json`, `${realCalls}.resource-meta.xml`);
  const rulesFile = path.join(planted, testsDir, "IntelligenceTestRules.cls");
  const source = fs.readFileSync(rulesFile, "utf8");
  // Records are written field by field (Pattern__c = '...') or, in older copies, as arguments in field order.
  const misspelled = source.replace(/('Keyword',\s*(?:Pattern__c = )?)'emergency'/, "$1'emergancy'");
  assert.notEqual(
    misspelled,
    source,
    "IntelligenceTestRules has no Keyword rule 'emergency' any more: plant another defect"
  );
  fs.writeFileSync(rulesFile, misspelled);
  const recordsDir = path.dirname(
    readProject(planted).metadataRecords.find((f) => /Intelligence_Rule\./.test(f))
  );
  const greedy = "Intelligence_Rule.Urgency_Greedy_Leak.md-meta.xml";
  fs.copyFileSync(fixture(`apex-jvm/${greedy}`), path.join(recordsDir, greedy));
  for (const planted of ["PlantedRedactor_Tests.cls", "PlantedGreedyMatcher_Tests.cls"]) {
    fs.copyFileSync(fixture(`apex-jvm/${planted}`), path.join(path.dirname(rulesFile), planted));
  }
}
plantDefects();

function runVectors(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "test/apex-jvm/run-vectors.mjs"), ...args], {
      cwd: repoRoot
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

test("intelligence: a misspelled rule keyword fails its vectors, a wrong Apex test fails, at the intelligence step", async () => {
  const { code, output } = await runScript("run-all.mjs", ["--root", planted, "--only", "intelligence"]);
  assert.equal(code, 1, `npm test must fail on the planted rule:\n${output}`);
  assert.match(output, /^FAILED: intelligence$/m, output);
  assert.match(output, /^FAIL \S*emergency\S*$/im, `a case about an emergency must fail:\n${output}`);
  assert.match(output, /urgency expected 5 but was \d/, output);
  assert.match(
    output,
    /\| urgency \| \d+ \/ \d+ \| (?!100\.0%)/,
    `the urgency accuracy must drop:\n${output}`
  );
  // the engine's Apex tests run on the JVM in the same step
  assert.match(output, /^FAIL PlantedRedactor_Tests\.a_card_number_is_kept: rt\.AssertException/m, output);
  assert.match(output, /at force-app\/tests\/intelligence\/classes\/PlantedRedactor_Tests\.cls:6/, output);
  // a Matcher handed more than Apex's 1,000,000 reads stops the test with Apex's uncatchable error
  assert.match(
    output,
    /^ERR {2}PlantedGreedyMatcher_Tests\.a_greedy_pattern_on_a_long_line: rt\.RegexTooComplicatedError: Regex too complicated/m,
    output
  );
});

test("intelligence: an admin rule that would pass 1,000,000 regex reads on a long line is read in windows within the limit", async () => {
  const { code, output } = await runVectors([
    "--root",
    planted,
    "--rules",
    "shipped",
    "--vectors",
    fixture("apex-jvm/long-line-vectors.json")
  ]);
  // the same rule on the whole line: more than Apex's limit (see "regex-reads.mjs counts ..." below)
  assert.equal(code, 0, output);
  assert.match(output, /1\/1 cases pass/, output);
  const reads = Number(/Highest regex reads: ([\d,]+)/.exec(output)?.[1].replaceAll(",", ""));
  assert.ok(reads > 0 && reads < 1000000, `the highest reads stay under Apex's limit:\n${output}`);
});

test("the translator refuses what it cannot run, by Apex file and line, and only where it is reached", async () => {
  const project = readProject(fixture("apex-jvm/untranslatable"));
  await assert.rejects(translateProject(project, [{ cls: "Planted", member: "entry" }]), (error) => {
    const message = error.message;
    assert.match(
      message,
      /classes\/Planted\.cls:16: String\.toUpperCaseFancy\(\) is not translated/,
      message
    );
    assert.match(
      message,
      /classes\/Planted\.cls:12: unsupported expression: SOQL query \(needs a database\)/,
      message
    );
    assert.match(message, /classes\/Helper\.cls:3: unknown type Lead/, message);
    assert.doesNotMatch(message, /Planted\.cls:21/, `cleanUp() is never reached:\n${message}`);
    return true;
  });
});

test("the runtime keeps the Apex semantics the engine relies on (an Apex test of them, run on the JVM)", async () => {
  const { runApexTests } = await import("../apex-jvm/run-apex-tests.mjs");
  const { results, skipped } = await runApexTests({
    root: fixture("apex-jvm/semantics"),
    classes: ["ApexSemantics_Tests"]
  });
  assert.deepEqual(skipped, [], "every semantics test translates");
  const failures = results.filter((r) => r.outcome !== "pass");
  assert.deepEqual(failures, [], JSON.stringify(failures, null, 2));
  assert.ok(results.length >= 7, `all methods ran: ${results.map((r) => r.test)}`);
});

test("every system method the translator accepts exists in the runtime, with those parameter types", async () => {
  const { librarySurface, libraryMethods } = await import("../apex-jvm/translator/library.mjs");
  const { javaType } = await import("../apex-jvm/translator/types.mjs");
  const lines = [];
  let n = 0;
  for (const { type, name, isStatic } of librarySurface()) {
    for (const m of libraryMethods(type, name, isStatic)) {
      const args = m.params.map((p) => `(${javaType(p)}) null`);
      const call = m.emit(isStatic ? javaType(type).replace(/<.*>$/, "") : "recv", args);
      const ret = m.returns.k === "void" ? "" : `${javaType(m.returns)} r${n} = `;
      lines.push(`  static void probe${n++}(${javaType(type)} recv) { ${ret}${call}; }`);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "apex-jvm-library-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const probe = path.join(dir, "Probe.java");
  fs.writeFileSync(probe, `class Probe {\n${lines.join("\n")}\n}\n`);
  // compiled against the runtime's classes, as the translated program is; javac's errors name the signatures
  // the runtime lacks ("the runner does not compile: ...")
  compileRunner([probe]);
  assert.ok(n > 200, `the probe covers the library (${n} signatures)`);
});

test("regex-reads.mjs counts one pattern's reads as the runners do", async () => {
  const { spawnSync } = await import("node:child_process");
  const tool = path.join(repoRoot, "test/apex-jvm/regex-reads.mjs");
  const greedy = spawnSync(process.execPath, [tool, "(?i).*leak.*", "--length", "1500"], {
    encoding: "utf8"
  });
  assert.match(greedy.stdout, /^more than 1,000,000 reads on 1500 characters/, greedy.stdout + greedy.stderr);
  const bounded = spawnSync(process.execPath, [tool, "(?i)\\bleak\\b", "--length", "1500"], {
    encoding: "utf8"
  });
  assert.match(
    bounded.stdout,
    /^[\d,]+ reads on 1500 characters \(\d+\.\d% of Apex's 1,000,000\), 0 matches/,
    bounded.stdout
  );
});
