import { createElement } from "lwc";
import CallMarkedText from "c/callMarkedText";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

function createMarkedText(properties) {
  const element = createElement("c-call-marked-text", { is: CallMarkedText });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

function marks(element) {
  return [...element.shadowRoot.querySelectorAll("mark")].map((mark) => mark.textContent);
}

describe("c-call-marked-text", () => {
  afterEach(removeAllComponents);

  it("marks whole words only, across line breaks, and keeps the whole text", () => {
    const text = "A burst\npipe, and the pipes are old.";
    const element = createMarkedText({ text, phrases: ["burst pipe", "pipe"] });

    expect(marks(element)).toEqual(["burst\npipe"]);
    expect(element.shadowRoot.textContent).toBe(text);
  });

  it("renders what a caller said as text, never as markup", () => {
    const element = createMarkedText({
      text: "<img src=x onerror=alert(1)> call me back",
      phrases: ["call me back"]
    });

    expect(element.shadowRoot.querySelector("img")).toBeNull();
    expect(element.shadowRoot.textContent).toBe("<img src=x onerror=alert(1)> call me back");
    expect(marks(element)).toEqual(["call me back"]);
  });

  it("renders nothing without text", () => {
    const element = createMarkedText({ text: "", phrases: ["pipe"] });

    expect(element.shadowRoot.textContent).toBe("");
  });

  it("is accessible", async () => {
    const element = createMarkedText({ text: "Our basement is flooding", phrases: ["flooding"] });

    await expect(element).toBeAccessible();
  });
});

describe("c-call-marked-text with positions", () => {
  afterEach(removeAllComponents);

  it("marks exactly the given ranges, not other occurrences of the words", () => {
    const text = "leak here, leak there";
    const element = createMarkedText({ text, phrases: ["leak"], ranges: [{ start: 11, end: 15 }] });

    expect(marks(element)).toEqual(["leak"]);
    expect(element.shadowRoot.querySelector("mark").previousSibling?.textContent ?? "").toBe("");
    expect(element.shadowRoot.textContent).toBe(text);
  });
});
