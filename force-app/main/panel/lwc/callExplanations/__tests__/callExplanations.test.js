import { createElement } from "lwc";
import CallExplanations from "c/callExplanations";
import { deepTexts, removeAllComponents } from "../../../../../../test/ui/jestHelpers";

const EXPLANATIONS = [
  {
    kind: "Urgency",
    rule: "Urgency_Flooding",
    matched: "flooding",
    snippet: "Our basement is flooding",
    source: "rule"
  },
  { kind: "Service", rule: null, matched: "plumber", snippet: null, source: "sender" },
  { kind: "Timeline", rule: null, matched: null, snippet: null, source: "default" }
];

function createExplanations(properties) {
  const element = createElement("c-call-explanations", { is: CallExplanations });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

function texts(element, selector) {
  return [...element.shadowRoot.querySelectorAll(selector)].map((node) =>
    node.textContent.replace(/\s+/g, " ").trim()
  );
}

describe("c-call-explanations", () => {
  afterEach(removeAllComponents);

  it("says what was understood, the phrase in its context and where it came from, in words", () => {
    const element = createExplanations({
      explanations: EXPLANATIONS,
      call: { urgency: 5, serviceInterest: "Plumbing", timeline: "This Week" }
    });

    expect(texts(element, "h3")).toEqual(["Why"]);
    expect(texts(element, ".understood")).toEqual([
      "Emergency (urgency 5)",
      "Service: Plumbing",
      "Timeline: This Week"
    ]);
    expect(deepTexts(element, ".context c-call-marked-text")).toEqual(["Our basement is flooding"]);
    expect(deepTexts(element, ".context c-call-marked-text", "mark")).toEqual(["flooding"]);
    expect(texts(element, ".explanations li > p:first-child")).toEqual([
      "Emergency (urgency 5) · From your rules",
      "Service: Plumbing · From the phone system",
      "Timeline: This Week · Usual for calls like this"
    ]);
    expect(texts(element, ".explanations li").join(" ")).not.toContain("Urgency_Flooding");
  });

  it("folds away and opens again when collapsible", async () => {
    const element = createExplanations({
      explanations: EXPLANATIONS,
      collapsible: true,
      startCollapsed: true
    });

    const toggle = element.shadowRoot.querySelector(".why-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(toggle.getAttribute("aria-controls")).toBeTruthy();
    expect(element.shadowRoot.querySelector(".explanations")).toBeNull();

    toggle.click();
    await Promise.resolve();

    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(element.shadowRoot.querySelectorAll(".explanations li")).toHaveLength(3);
  });

  it("shows nothing without explanations and no empty message", () => {
    const element = createExplanations({ explanations: [] });

    expect(element.shadowRoot.querySelector("h3")).toBeNull();
    expect(element.shadowRoot.querySelector(".explanations")).toBeNull();
  });

  it("says so when there are none and an empty message is given", () => {
    const element = createExplanations({
      explanations: undefined,
      emptyMessage: "No rule matched this text."
    });

    expect(texts(element, "h3")).toEqual(["Why"]);
    expect(texts(element, ".no-explanations")).toEqual(["No rule matched this text."]);
    expect(element.shadowRoot.querySelector(".explanations")).toBeNull();
  });

  it("is accessible", async () => {
    const element = createExplanations({ explanations: EXPLANATIONS });

    await expect(element).toBeAccessible();
  });
});

describe("c-call-explanations reasons", () => {
  afterEach(removeAllComponents);

  it("lists a finding once with each phrase, who said it, and why a phrase did not count", () => {
    const element = createExplanations({
      call: { urgency: 5 },
      // A rule's description shows under its finding, once; a name without one adds nothing.
      ruleDescriptions: {
        Urgency_Burst_Pipe: "Water in the home.",
        Budget_Dollar_Amount: "Amounts in dollars."
      },
      explanations: [
        {
          kind: "Urgency",
          rule: "Urgency_Flooding",
          matched: "flooding",
          snippet: "the basement is flooding",
          source: "rule",
          speaker: "caller",
          basis: "said"
        },
        {
          kind: "Urgency",
          rule: "Urgency_Burst_Pipe",
          matched: "burst pipe",
          snippet: "So that's a burst pipe",
          source: "rule",
          speaker: "business",
          basis: "restated"
        },
        {
          kind: "Negation",
          rule: "Urgency_Emergency",
          matched: "don't think it's an emergency",
          snippet: "I don't think it's an emergency",
          source: "rule",
          speaker: "caller",
          negation: "hedged"
        }
      ]
    });

    expect(texts(element, ".understood")).toEqual([
      "Emergency (urgency 5)",
      "Not counted: the caller was not sure"
    ]);
    expect(texts(element, ".explanations li:first-child .who")).toEqual([
      "the caller said",
      "the receptionist confirmed"
    ]);
    expect(deepTexts(element, ".explanations li:first-child .context c-call-marked-text")).toEqual([
      "the basement is flooding",
      "So that's a burst pipe"
    ]);
    expect(deepTexts(element, ".explanations li:first-child .context c-call-marked-text", "mark")).toEqual([
      "flooding",
      "burst pipe"
    ]);
    expect(texts(element, ".description")).toEqual(["Water in the home."]);
  });
});
