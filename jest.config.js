// Jest for the Lightning Web Components (sfdx-lwc-jest): behaviour of every state and action, with an
// accessibility assertion (axe-core) available as expect(element).toBeAccessible().
const { jestConfig } = require("@salesforce/sfdx-lwc-jest/config");

module.exports = {
  ...jestConfig,
  // jsdom as sfdx-lwc-jest sets it up, with the axe scans' style-rule matching done once per element (the module says
  // why and how the results stay the same).
  testEnvironment: "<rootDir>/test/ui/jest-environment.cjs",
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv || []), "<rootDir>/test/ui/jest-accessibility.cjs"],
  // Only component tests here: the gate's planted fixtures, the node:test suites, the real-browser
  // render tests and the SDK have their own runners.
  testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, "<rootDir>/test/", "<rootDir>/ts-sdk/"],
  // .tmp/ holds the render test's build and the caches: nothing Jest should crawl or resolve.
  modulePathIgnorePatterns: [
    "<rootDir>/.sfdx/",
    "<rootDir>/.sf/",
    "<rootDir>/.tmp/",
    "<rootDir>/release-kit/"
  ],
  // Babel coverage instruments only the project's components; V8 coverage slowed every line the tests run,
  // the LWC engine's included (measured: 26 s of CPU for the suite against 15 s, most of the lwc step).
  // The LWC transformer's cache key ignores instrumentation, so a transform cached by a run without
  // coverage would drop its file from the report: coverage runs keep their own cache, in the clone.
  coverageProvider: "babel",
  ...(process.argv.includes("--coverage") ? { cacheDirectory: "<rootDir>/.tmp/jest-coverage-cache" } : {}),
  // A hang detector, not a speed budget: these tests are CPU-bound (render in jsdom, axe scans) and their wall time
  // is the machine's load, not the code's. Measured on 2 cores (7 December 2026): a test file's first axe scan costs
  // 0.02-0.43 s of CPU (axe warms up in each file's fresh module registry; the same tree's later scans 0.02-0.09 s),
  // and the callPanel accessibility test (three scans) took 3-5 s of wall time at a load average of 13-15; inside
  // the full npm test, with the other steps beside it, a 20 s limit still timed out. Two minutes fails a test that
  // truly hangs (a promise that never settles) and nothing else.
  testTimeout: 120000,
  coverageThreshold: {
    global: { lines: 85, branches: 85, functions: 85, statements: 85 }
  }
};
