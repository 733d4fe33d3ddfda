// expect(element).toBeAccessible(): runs axe-core on a rendered component in Jest's jsdom.
// jsdom does no layout, so colour contrast is left to the real-browser scan in test/ui/run.mjs. The scan runs with
// the style rules matched per element cached (withStyleRulesCached, test/ui/jest-environment.cjs): same results, less CPU.
// axe is required on a test file's first scan, not here: this file runs before every test file, and each file has a
// module registry of its own, so a file that never scans (four of them) would load axe for nothing.

expect.extend({
  async toBeAccessible(element) {
    const axe = require("axe-core");
    const results = await window.withStyleRulesCached(() =>
      axe.run(element, {
        rules: { "color-contrast": { enabled: false } }
      })
    );
    const violations = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes
          .map((node) => node.html)
          .join("\n  ")}`
    );
    return {
      pass: violations.length === 0,
      message: () =>
        violations.length === 0
          ? "expected accessibility violations, found none"
          : `expected no accessibility violations:\n${violations.join("\n")}`
    };
  }
});
