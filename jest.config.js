// Jest for the Lightning Web Components (sfdx-lwc-jest): behaviour of every state and action, with an
// accessibility assertion (axe-core) available as expect(element).toBeAccessible().
const { jestConfig } = require("@salesforce/sfdx-lwc-jest/config");

module.exports = {
  ...jestConfig,
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
  // The axe scans take about a second each on an idle 2-core machine; under load (CI neighbours, several
  // suites at once) the default 5 s made them time out without any real failure.
  testTimeout: 20000,
  coverageThreshold: {
    global: { lines: 85, branches: 85, functions: 85, statements: 85 }
  }
};
