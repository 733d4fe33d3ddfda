// Jest's jsdom environment (jest-environment-jsdom, what sfdx-lwc-jest uses), with one saving for the axe scans of
// expect(element).toBeAccessible() (test/ui/jest-accessibility.cjs): while a scan runs, the style rules that match
// an element are found once, not once for the element and again for each of its descendants.
//
// Why: jsdom 20's getComputedStyle matches every rule (its default stylesheet's and the document's) against the
// element, then resolves `visibility`, an inherited property, by matching them all again against the element and
// each ancestor until one sets it. axe asks for the computed style of every element it scans, so a deep component
// tree paid its ancestors' matching over and over: 2.9 of the 3.3 s of CPU axe spent in getComputedStyle, and
// getComputedStyle was half of all the scans' CPU (measured December 2026, the whole suite on this 2-core machine).
//
// Why the answers are the same: a scan does not change the document (axe keeps each element's computed style for the
// whole scan itself), the rules are replayed in the order jsdom found them, and a change to the document during a
// scan (jsdom counts every node and attribute change in the document's _version) starts the cache afresh. Outside a
// scan nothing is cached: focus, checkedness and other state that selectors read can change between scans. Proven
// by the scans' full results (violations, passes, incomplete and inapplicable, every node) being identical with
// and without the cache.
//
// How: jsdom's own rule matcher (helpers/style-rules.js) is wrapped where jsdom calls it. Its ancestor walk calls it
// through the module's exports; Window.js takes it when jsdom loads, which is after this module (the environment
// loads jsdom on first use), so getComputedStyle's own match is cached as well. Both rely on jsdom 20's internals,
// which jest-environment-jsdom 29 pins: a moved file fails loudly here, a renamed internal only loses the saving.
const path = require("path");
const { TestEnvironment } = require("jest-environment-jsdom");

const styleRules = require(
  require.resolve("jsdom/lib/jsdom/living/helpers/style-rules.js", {
    paths: [path.dirname(require.resolve("jest-environment-jsdom"))]
  })
);
const forEachMatchingRule = styleRules.forEachMatchingSheetRuleOfElement;

let scansRunning = 0;
let matchedRulesByDocument = new WeakMap();

/** The rules matching elementImpl, found once per document version while a scan runs. */
function matchedRules(elementImpl) {
  const document = elementImpl._ownerDocument;
  let cache = matchedRulesByDocument.get(document);
  if (!cache || cache.version !== document._version) {
    cache = { version: document._version, rulesByElement: new WeakMap() };
    matchedRulesByDocument.set(document, cache);
  }
  let rules = cache.rulesByElement.get(elementImpl);
  if (!rules) {
    rules = [];
    forEachMatchingRule(elementImpl, (rule) => rules.push(rule));
    cache.rulesByElement.set(elementImpl, rules);
  }
  return rules;
}

styleRules.forEachMatchingSheetRuleOfElement = (elementImpl, handleRule) => {
  if (scansRunning === 0) return forEachMatchingRule(elementImpl, handleRule);
  for (const rule of matchedRules(elementImpl)) handleRule(rule);
  return undefined;
};

/** Runs scan (a function returning a promise) with the matched style rules cached until it settles. */
async function withStyleRulesCached(scan) {
  scansRunning++;
  try {
    return await scan();
  } finally {
    scansRunning--;
    if (scansRunning === 0) matchedRulesByDocument = new WeakMap();
  }
}

class LwcJsdomEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    // For the accessibility matcher; not enumerable, so nothing that lists the window's properties sees it.
    Object.defineProperty(this.global, "withStyleRulesCached", { value: withStyleRulesCached });
  }
}

module.exports = LwcJsdomEnvironment;
