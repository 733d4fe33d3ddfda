// The intelligence step (test/apex-jvm: the engine's Apex translated to Java and run against the conformance
// vectors and the engine's Apex tests) proves it can fail, in one run of the step on one copy of this project with
// defects written like real mistakes: a misspelled rule keyword, Apex tests that expect wrong things, and rule
// records (test/gate/fixtures/shipped-rules) that ShippedRules_Tests must catch: a rule without an example, a copy
// of a Regex rule that the original always takes first, a Regex negator `\bnot\b` that, tried before every phrase,
// takes the first word of "not an emergency", `.*leak.*water.*gas`, past the read budget alone and in its kind's
// alternation (and refused by the engine, so it never fires), and the copy that makes Urgency's 51st Regex rule with
// every pack on, past RuleKindMatcher.MAX_PATTERNS_PER_ALTERNATION (50). Each defect is asserted by its own vector or
// test method and message, and no other test method fails. Also: an admin rule past Apex's regex limit is read in
// windows, and Apex the translator must refuse is refused rather than guessed.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { copyApexSources, readProject, translateProject } from "../apex-jvm/build.mjs";
import { formatVectorReport, runVectors } from "../apex-jvm/run-vectors.mjs";
import { stepPlan } from "../apex-jvm/step-plan.mjs";
import { fixture, repoRoot, runScript } from "./gate-run.mjs";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "apex-jvm-planted-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));
/** The copy the intelligence step runs on, with every planted defect. */
const planted = path.join(work, "defects");
/** The same classes with a greedy admin rule among the shipped records instead of the planted ones. */
const withGreedyRule = path.join(work, "greedy-rule");

/**
 * The Apex test classes of the planted copy besides the planted ones: the vectors' own test and the rules it
 * reads (the vector runner calls into both), and ShippedRules_Tests. The engine's other test classes, the real-call
 * vectors and PhoneKeys_Tests are left out of the copy: the intelligence step runs them on this project, and on the
 * copy they would only repeat that work (most of the step's CPU) without bearing on the planted defects.
 */
const KEPT_TEST_CLASSES = new Set([
  "IntelligenceTestRules",
  "IntelligenceVectors_Tests",
  "ShippedRules_Tests"
]);

/** Deletes a file and its meta file from the planted copy. */
function removeFromCopy(file, meta = `${file}-meta.xml`) {
  for (const f of [file, meta]) fs.rmSync(path.join(planted, f), { force: true });
}

/** The folder of a copy's Intelligence_Rule records. */
function recordsDir(root) {
  return path.dirname(readProject(root).metadataRecords.find((f) => /Intelligence_Rule\./.test(f)));
}

/**
 * A copy of the project whose IntelligenceTestRules misspells the Emergency keyword, with an Apex test that expects
 * the card redactor to keep a card number, one that hands a greedy pattern a long line, and the planted rule records;
 * and beside it the same classes with the greedy admin rule instead of the planted records.
 */
function plantDefects() {
  copyApexSources(path.join(repoRoot, "force-app"), path.join(planted, "force-app"));
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
  for (const planted of ["PlantedRedactor_Tests.cls", "PlantedGreedyMatcher_Tests.cls"]) {
    fs.copyFileSync(fixture(`apex-jvm/${planted}`), path.join(path.dirname(rulesFile), planted));
  }
  // Same classes, so the vectors' run below reuses the program the step compiled.
  fs.cpSync(planted, withGreedyRule, { recursive: true });
  const greedy = "Intelligence_Rule.Urgency_Greedy_Leak.md-meta.xml";
  fs.copyFileSync(fixture(`apex-jvm/${greedy}`), path.join(recordsDir(withGreedyRule), greedy));
  for (const record of fs.readdirSync(fixture("shipped-rules"))) {
    fs.copyFileSync(path.join(fixture("shipped-rules"), record), path.join(recordsDir(planted), record));
  }
}
plantDefects();

/** `npm test`'s intelligence step on the planted copy, once; each test below asserts its own defects in it. */
const intelligenceRun = runScript("run-all.mjs", ["--root", planted, "--only", "intelligence"]);

/** The Apex test methods that failed in the run ("FAIL|ERR Class.method: ..." lines). */
function failedMethods(output) {
  return output.split("\n").filter((line) => /^(FAIL|ERR) +\w+\.\w+: /.test(line));
}

test("intelligence: a misspelled rule keyword fails its vectors, a wrong Apex test fails, at the intelligence step", async () => {
  const { code, output } = await intelligenceRun;
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

test("intelligence: planted rules fail ShippedRules_Tests, each in its method, and no other test method fails", async () => {
  const { output } = await intelligenceRun;
  const failures = failedMethods(output);
  const failed = (method) => failures.find((line) => line.includes(` ShippedRules_Tests.${method}: `)) ?? "";
  assert.match(
    failed("every_shipped_rule_has_an_example"),
    /without an Example__c: Urgency_Water_Heater$/,
    output
  );
  const shadowed = failed("every_rule_fires_on_its_own_example_with_its_kind_and_pack_in_place");
  for (const problem of [
    'Negation_Not_An_Emergency never fires on its own example "This is not an emergency.": another negator takes it first',
    'Urgency_Burst_Pipe_Copy never fires on its own example "A pipe burst under the sink.": Urgency_Burst_Pipe took it first',
    'Urgency_Leak_Anywhere never fires on its own example "A leak of water and gas.": The pattern could read'
  ])
    assert.ok(shadowed.includes(problem), `${problem}\n${output}`);
  assert.equal(shadowed.split("never fires").length, 4, `only the planted rules:\n${output}`);
  const tooComplicated =
    /^ERR +.*: rt\.RegexTooComplicatedError: Regex too complicated: more than 1000000 reads of a /;
  assert.match(failed("urgency_rules_alone_stay_within_the_read_budget"), tooComplicated, output);
  assert.match(
    failed("urgency_rules_alone_stay_within_the_read_budget"),
    /5000-character input by the pattern \(\?i\)\.\*leak\.\*water\.\*gas$/,
    output
  );
  // the shipped records hold 50 Urgency Regex rules with the Spanish pack: the copy is one too many; only Urgency
  // is named, so every other kind of the shipped records beside it stays within the bound
  assert.match(
    failed("no_kind_has_more_rules_of_one_match_type_than_one_alternation_joins"),
    /than RuleKindMatcher\.MAX_PATTERNS_PER_ALTERNATION \(50\) with every pack on: Urgency \(51\)$/,
    output
  );
  assert.match(failed("every_alternation_stays_within_the_read_budget"), tooComplicated, output);
  assert.match(
    failed("every_alternation_stays_within_the_read_budget"),
    /1000-character input by the pattern \(\?i\)\(/,
    output
  );
  // the five above and the two planted test classes of the test before: nothing else fails
  assert.deepEqual(
    failures.map((line) => /^\w+ +(\w+\.\w+):/.exec(line)[1]).sort(),
    [
      "PlantedGreedyMatcher_Tests.a_greedy_pattern_on_a_long_line",
      "PlantedRedactor_Tests.a_card_number_is_kept",
      "ShippedRules_Tests.every_alternation_stays_within_the_read_budget",
      "ShippedRules_Tests.every_rule_fires_on_its_own_example_with_its_kind_and_pack_in_place",
      "ShippedRules_Tests.every_shipped_rule_has_an_example",
      "ShippedRules_Tests.no_kind_has_more_rules_of_one_match_type_than_one_alternation_joins",
      "ShippedRules_Tests.urgency_rules_alone_stay_within_the_read_budget"
    ],
    `nothing else fails:\n${failures.join("\n")}`
  );
});

test("intelligence: an admin rule that would pass 1,000,000 regex reads on a long line is read in windows within the limit", async () => {
  await intelligenceRun;
  // Built with the step's needs on the same classes, so the program the step compiled on the planted copy is
  // reused whole: no translation and no javac again.
  const { shared } = await stepPlan(planted);
  const vectors = fixture("apex-jvm/long-line-vectors.json");
  const result = await runVectors({ root: withGreedyRule, vectors, rules: "shipped", share: shared });
  const output = formatVectorReport(result, { vectors });
  // the same rule on the whole line: more than Apex's limit (see "regex-reads.mjs counts ..." below)
  assert.equal(result.summary.passed, result.summary.cases, output);
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

/**
 * A Java class that calls every system method the translator accepts with its parameter types, as the translated
 * program calls it; javac's errors name the signatures the runtime lacks.
 * @returns {{file: string, signatures: number}}
 */
async function libraryProbe() {
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
  const file = path.join(work, "probe", "Probe.java");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `class Probe {\n${lines.join("\n")}\n}\n`);
  return { file, signatures: n };
}

/**
 * The semantics fixture's Apex test on the JVM, its program compiled in one javac run with the library probe
 * (against the runtime's classes, as the translated program is): one javac start instead of two.
 */
let semanticsRun;
function runSemantics() {
  semanticsRun ??= libraryProbe().then(async (probe) => {
    const { runApexTests } = await import("../apex-jvm/run-apex-tests.mjs");
    const outcome = await runApexTests({
      root: fixture("apex-jvm/semantics"),
      classes: ["ApexSemantics_Tests"],
      share: { entryPoints: [], runnerSources: [probe.file] }
    });
    return { ...outcome, probe };
  });
  return semanticsRun;
}

test("the runtime keeps the Apex semantics the engine relies on (an Apex test of them, run on the JVM)", async () => {
  const { results, skipped } = await runSemantics();
  assert.deepEqual(skipped, [], "every semantics test translates");
  const failures = results.filter((r) => r.outcome !== "pass");
  assert.deepEqual(failures, [], JSON.stringify(failures, null, 2));
  assert.ok(results.length >= 7, `all methods ran: ${results.map((r) => r.test)}`);
});

test("every system method the translator accepts exists in the runtime, with those parameter types", async () => {
  // compiled with the semantics test's program; a signature the runtime lacks fails that javac run
  // ("the translated Java does not compile: ... Probe.java:<line>: error: ...")
  const { probe } = await runSemantics();
  assert.ok(probe.signatures > 200, `the probe covers the library (${probe.signatures} signatures)`);
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
