import { createElement } from "lwc";
import CallExplanations from "c/callExplanations";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

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

  it("lists what was decided, the matched phrase, the snippet and where it came from", () => {
    const element = createExplanations({ explanations: EXPLANATIONS });

    expect(texts(element, "h3")).toEqual(["Why"]);
    expect(texts(element, ".explanations li")).toEqual([
      "Urgency: “flooding” in “Our basement is flooding” (org rule: Urgency_Flooding)",
      "Service: “plumber” (sent by the phone system)",
      "Timeline (default)"
    ]);
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
