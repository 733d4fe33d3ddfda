// Helpers the component Jest tests share (imported by relative path from force-app/**/__tests__/): settling
// promises, a fixed clock, cleaning the document, and reading text from a component's shadow root and its
// children's. jest, beforeEach and afterEach are the Jest runtime's, as in the tests themselves.
/* global jest, beforeEach, afterEach */

/** Lets every pending promise chain (wire emits, Apex calls, refreshes, toasts) settle before asserting. */
export function flushPromises() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Removes every component the test mounted, so the next test starts from an empty document. */
export function removeAllComponents() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
}

/**
 * For the tests of one describe block: Date.now() answers nowMs (relative times become fixed), and after
 * each test the components are removed and every mock is restored and cleared.
 * @param {number} nowMs epoch milliseconds
 */
export function useFixedClockAndCleanUp(nowMs) {
  beforeEach(() => {
    jest.spyOn(Date, "now").mockReturnValue(nowMs);
  });
  afterEach(() => {
    removeAllComponents();
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });
}

/** The trimmed text of every node matching selector in a component's own template. */
export function texts(element, selector) {
  return [...element.shadowRoot.querySelectorAll(selector)].map((node) => node.textContent.trim());
}

/** The shadow root of the first child component matching tag: child templates are behind their own. */
export function childRoot(element, tag) {
  return element.shadowRoot.querySelector(tag).shadowRoot;
}

/** The trimmed text of every node matching selector inside the first child component matching tag. */
export function childTexts(element, tag, selector) {
  return [...childRoot(element, tag).querySelectorAll(selector)].map((node) => node.textContent.trim());
}

/**
 * Texts found by following selectors down through nested shadow roots: each selector but the last picks
 * component hosts (all of them, not just the first), the last picks the nodes whose text is read, e.g.
 * deepTexts(panel, ".conversation c-call-marked-text", "mark"). A last selector that picks a component host reads
 * the text of its shadow root.
 */
export function deepTexts(element, ...selectors) {
  let nodes = [element];
  for (const selector of selectors) {
    nodes = nodes.flatMap((node) => [...node.shadowRoot.querySelectorAll(selector)]);
  }
  // A component host's own text is in its shadow root.
  return nodes.map((node) => (node.shadowRoot ?? node).textContent.trim());
}

/** All the text a component shows, through every nested shadow root, as one string (for wording checks). */
export function allTexts(element) {
  const parts = [];
  const visit = (node) => {
    if (node.nodeType === 3) parts.push(node.textContent);
    if (node.shadowRoot) visit(node.shadowRoot);
    node.childNodes.forEach(visit);
  };
  visit(element);
  return parts.join(" ").replace(/\s+/g, " ");
}
