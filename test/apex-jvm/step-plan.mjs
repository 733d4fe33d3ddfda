// What the `intelligence` step (check.mjs) runs on a project and the one build all its runners share: the test
// classes, the vectors files, the plan of runnable test methods, and the entry points and runner sources of the
// vectors, the tests and the cost table together. The gate's self-test (test/gate/apex-jvm.test.mjs) builds
// with the same needs, so a planted copy's other runs reuse the step's compiled program.
import fs from "node:fs";
import path from "node:path";
import { readProject } from "./build.mjs";
import { COST_TABLE_BUILD } from "./cost-table.mjs";
import { planApexTests } from "./run-apex-tests.mjs";
import { DEFAULT_VECTORS, vectorsBuild } from "./run-vectors.mjs";

const REAL_CALL_VECTORS = "force-app/main/intelligence/staticresources/RealCallVectors.json";
/** Test classes run besides the vectors: every one in these folders, and these by name. */
const TEST_FOLDERS = ["force-app/tests/intelligence/classes"];
const TEST_CLASSES = ["PhoneKeys_Tests", "TextReplyKeywords_Tests"];

/**
 * @returns {Promise<{classes: string[], vectorFiles: string[], testPlan: object, shared: object}>} shared:
 *   {entryPoints, runnerSources} of every runner of the step, for one translation and one javac
 */
export async function stepPlan(root) {
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
  // The real-call vectors too, where the project has them: their knownMiss lists must stay exactly the misses.
  const vectorFiles = [DEFAULT_VECTORS, REAL_CALL_VECTORS]
    .map((file) => path.join(root, file))
    .filter((file, i) => i === 0 || fs.existsSync(file));
  const testPlan = await planApexTests({ root, classes });
  const needs = [testPlan, COST_TABLE_BUILD, ...vectorFiles.map((file) => vectorsBuild(root, file))];
  const all = (key) => needs.flatMap((n) => n[key] ?? []);
  const shared = { entryPoints: all("entryPoints"), runnerSources: all("runnerSources") };
  return { classes, vectorFiles, testPlan, shared };
}
