import { createElement } from "lwc";
import CallHighlightedText from "c/callHighlightedText";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

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

  it("marks every matched phrase, in any case, and keeps the whole text", () => {
    const element = createText({ text: TEXT, explanations: EXPLANATIONS, label: "Transcript" });

    const marks = [...element.shadowRoot.querySelectorAll("mark")].map((mark) => mark.textContent);
    expect(marks).toEqual(["burst pipe", "CALL ME BACK", "pipe"]);
    expect(element.shadowRoot.querySelector(".text").textContent).toBe(TEXT);
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

    expect(element.shadowRoot.querySelectorAll("mark")).toHaveLength(0);
  });

  it("renders the text as text, never as markup", () => {
    const element = createText({
      text: "<b>hi</b> <script>x()</script>",
      explanations: [],
      label: "Transcript"
    });

    expect(element.shadowRoot.querySelector("b")).toBeNull();
    expect(element.shadowRoot.querySelector("script")).toBeNull();
    expect(element.shadowRoot.querySelector(".text").textContent).toBe("<b>hi</b> <script>x()</script>");
  });

  it("is a focusable box named by its label", () => {
    const element = createText({ text: TEXT, explanations: EXPLANATIONS, label: "Tested text" });

    const box = element.shadowRoot.querySelector(".highlighted-text");
    expect(box.getAttribute("tabindex")).toBe("0");
    expect(box.getAttribute("aria-label")).toBe("Tested text");
  });

  it("shows an empty box without text", () => {
    const element = createText({ text: "", explanations: EXPLANATIONS, label: "Transcript" });

    expect(element.shadowRoot.querySelector(".text").textContent).toBe("");
    expect(element.shadowRoot.querySelector("mark")).toBeNull();
  });

  it("is accessible", async () => {
    const element = createText({ text: TEXT, explanations: EXPLANATIONS, label: "Transcript" });

    await expect(element).toBeAccessible();
  });
});
