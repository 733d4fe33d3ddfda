import { createElement } from "lwc";
import CallHighlightedText from "c/callHighlightedText";
import { deepTexts, removeAllComponents } from "../../../../../../test/ui/jestHelpers";

const TEXT = "We have a burst pipe. Please CALL ME BACK, the pipe is leaking.";
const EXPLANATIONS = [
  { kind: "Urgency", matched: "burst pipe", source: "rule" },
  { kind: "Callback", matched: "call me back", source: "rule" },
  { kind: "Service", matched: "pipe", source: "rule" },
  { kind: "Timeline", matched: null, source: "rule" }
];

function createText(properties) {
  const element = createElement("c-call-highlighted-text", { is: CallHighlightedText });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

describe("c-call-highlighted-text", () => {
  afterEach(removeAllComponents);

  it("marks each phrase once, where it first occurs, for explanations stored without positions", () => {
    const element = createText({ text: TEXT, explanations: EXPLANATIONS, label: "Transcript" });

    // "pipe" first occurs inside "burst pipe"; the later "pipe" is not marked again.
    expect(deepTexts(element, "c-call-marked-text", "mark")).toEqual(["burst pipe", "CALL ME BACK"]);
    expect(deepTexts(element, ".text c-call-marked-text")[0]).toBe(TEXT);
  });

  it("marks the phrase the engine used at its position, never an earlier one or a negated one", () => {
    const text =
      "Agent: Is it an emergency?\nCaller: It's not an emergency. But wait, now it IS an emergency.";
    const used = text.lastIndexOf("emergency");
    const element = createText({
      text,
      label: "Transcript",
      explanations: [
        {
          kind: "Urgency",
          matched: "emergency",
          source: "rule",
          speaker: "caller",
          basis: "said",
          field: "transcript",
          startIndex: used,
          endIndex: used + 9
        },
        {
          kind: "Negation",
          matched: "not an emergency",
          source: "rule",
          negation: "negated",
          field: "transcript",
          startIndex: text.indexOf("not an"),
          endIndex: text.indexOf("not an") + 16
        },
        { kind: "Service", matched: "flooding", source: "rule", field: "summary", startIndex: 0, endIndex: 8 }
      ]
    });

    const marked = element.shadowRoot.querySelector("c-call-marked-text").shadowRoot.querySelectorAll("mark");
    expect([...marked].map((mark) => mark.textContent)).toEqual(["emergency"]);
    expect(marked[0].parentElement.previousSibling.textContent.endsWith("now it IS an ")).toBe(true);
  });

  it("marks only what rules matched, never sender values or defaults", () => {
    const element = createText({
      text: "Urgency 1 of 5, callback true. Left a voicemail at 1 pm.",
      explanations: [
        { kind: "Urgency", matched: "1", source: "default" },
        { kind: "Urgency", matched: "5", source: "sender" },
        { kind: "Callback", matched: "true", source: "sender" },
        { kind: "Callback", matched: "voicemail", source: "default" }
      ],
      label: "Transcript"
    });

    expect(deepTexts(element, "c-call-marked-text", "mark")).toHaveLength(0);
  });

  it("renders the text as text, never as markup", () => {
    const element = createText({
      text: "<b>hi</b> <script>x()</script>",
      explanations: [],
      label: "Transcript"
    });

    expect(element.shadowRoot.querySelector("b")).toBeNull();
    expect(element.shadowRoot.querySelector("script")).toBeNull();
    expect(deepTexts(element, ".text c-call-marked-text")[0]).toBe("<b>hi</b> <script>x()</script>");
  });

  it("is a focusable box named by its label", () => {
    const element = createText({ text: TEXT, explanations: EXPLANATIONS, label: "Tested text" });

    const box = element.shadowRoot.querySelector(".highlighted-text");
    expect(box.getAttribute("tabindex")).toBe("0");
    expect(box.getAttribute("aria-label")).toBe("Tested text");
  });

  it("shows an empty box without text", () => {
    const element = createText({ text: "", explanations: EXPLANATIONS, label: "Transcript" });

    expect(deepTexts(element, ".text c-call-marked-text")[0]).toBe("");
    expect(deepTexts(element, "c-call-marked-text", "mark")).toHaveLength(0);
  });

  it("is accessible", async () => {
    const element = createText({ text: TEXT, explanations: EXPLANATIONS, label: "Transcript" });

    await expect(element).toBeAccessible();
  });
});
