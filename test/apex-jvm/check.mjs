#!/usr/bin/env node
// The `intelligence` step of `npm test`: the conformance vectors (run-vectors.mjs, IntelligenceVectors.json as
// IntelligenceVectors_Tests runs it, RealCallVectors.json as RealCallVectors_Tests does) and the pure-logic Apex
// test classes of the intelligence engine and of PhoneKeys (run-apex-tests.mjs), all translated to Java and run
// on the JVM. A test method that cannot run
// offline (a query, DML, runAs) is listed as skipped; a vector or test method that fails fails the step. It also
// bounds the Apex statements of building the shipped rule set and analysing one call (cost.mjs) and checks that
// RegexCostTable, the precomputed estimates, is current (cost-table.mjs).
// Usage: node test/apex-jvm/check.mjs [--root <project dir>]
import fs from "node:fs";
import path from "node:path";
import { readProject } from "./build.mjs";
import { formatCostReport, statementProblems } from "./cost.mjs";
import { COST_TABLE_BUILD, costTableProblem } from "./cost-table.mjs";
import { formatTestReport, planApexTests, runApexTests } from "./run-apex-tests.mjs";
import { DEFAULT_VECTORS, formatVectorReport, runVectors, vectorsBuild } from "./run-vectors.mjs";

const REAL_CALL_VECTORS = "force-app/main/intelligence/staticresources/RealCallVectors.json";
/** Test classes run besides the vectors: every one in these folders, and these by name. */
const TEST_FOLDERS = ["force-app/tests/intelligence/classes"];
const TEST_CLASSES = ["PhoneKeys_Tests"];
/**
 * Apex test methods that fail on the JVM because the Apex test itself is wrong (they fail in an org too),
 * with the evidence; reported, not failed, until their owner fixes them. One that passes is reported too,
 * so the entry is removed.
 */
const KNOWN_FAILURES = {};

const rootIndex = process.argv.indexOf("--root");
const root = path.resolve(rootIndex > 0 ? process.argv[rootIndex + 1] : ".");
let failed = false;
try {
  const project = readProject(root);
  const classes = [
    ...TEST_FOLDERS.flatMap((folder) =>
      fs.existsSync(path.join(root, folder))
        ? fs
            .readdirSync(path.join(root, folder))
            .filter((f) => f.endsWith(".cls"))
            .filter((f) => /@IsTest/i.test(fs.readFileSync(path.join(root, folder, f), "utf8")))
            .map((f) => path.basename(f, ".cls"))
        : []
    ),
    ...TEST_CLASSES.filter((name) => project.classFiles.has(name.toLowerCase()))
  ];
  // One translation and one javac for both runners: each builds with the other's needs too.
  // The real-call vectors too, where the project has them: their knownMiss lists must stay exactly the misses.
  const vectorFiles = [DEFAULT_VECTORS, REAL_CALL_VECTORS]
    .map((file) => path.join(root, file))
    .filter((file, i) => i === 0 || fs.existsSync(file));
  const testPlan = await planApexTests({ root, classes });
  const needs = [testPlan, COST_TABLE_BUILD, ...vectorFiles.map((file) => vectorsBuild(root, file))];
  const all = (key) => needs.flatMap((n) => n[key] ?? []);
  const shared = { entryPoints: all("entryPoints"), runnerSources: all("runnerSources") };

  for (const vectors of vectorFiles) {
    const result = await runVectors({ root, vectors, share: shared });
    console.log(formatVectorReport(result, { vectors }));
    failed ||= result.summary.passed !== result.summary.cases;
  }

  const tests = await runApexTests({ root, classes, share: shared, planned: testPlan });
  const notes = [];
  for (const r of tests.results) {
    const known = KNOWN_FAILURES[r.test];
    if (known && r.outcome !== "pass") {
      r.outcome = "known";
      notes.push(`known failure, not counted: ${r.test}: ${known}`);
    } else if (known)
      notes.push(`${r.test} passes now: remove it from KNOWN_FAILURES in test/apex-jvm/check.mjs`);
  }
  console.log(
    `\nApex test classes on the JVM (${classes.join(", ")}):\n${formatTestReport(tests, { brief: true })}`
  );
  if (tests.skipped.length) {
    console.log(
      `(node test/apex-jvm/run-apex-tests.mjs ${classes.join(" ")} lists each skipped method and why)`
    );
  }
  for (const note of notes) console.log(note);
  console.log(`\nApex statements (offline count) and JVM time:\n${formatCostReport(tests.results)}`);
  const costProblems = statementProblems(tests.results);
  const stale = await costTableProblem({ root, share: shared });
  if (stale) costProblems.push(stale);
  for (const problem of costProblems) console.log(`FAIL ${problem}`);
  failed ||= costProblems.length > 0;
  if (tests.results.some((r) => r.outcome === "fail" || r.outcome === "error")) {
    console.log(
      "\nAn Apex test failed on the JVM. If it passes in an org, the translation is wrong: see test/apex-jvm/README.md."
    );
    failed = true;
  }
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
process.exitCode = failed ? 1 : 0;
