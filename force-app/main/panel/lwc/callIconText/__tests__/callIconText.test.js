import { createElement } from "lwc";
import CallIconText from "c/callIconText";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

function createIconText(properties) {
  const element = createElement("c-call-icon-text", { is: CallIconText });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

describe("c-call-icon-text", () => {
  afterEach(removeAllComponents);

  it("shows the words beside a decorative icon", () => {
    const element = createIconText({ iconName: "utility:missed_call", label: "Missed" });

    expect(element.shadowRoot.querySelector(".label").textContent).toBe("Missed");
    const icon = element.shadowRoot.querySelector("lightning-icon");
    expect(icon.iconName).toBe("utility:missed_call");
    expect(icon.alternativeText).toBe("");
    expect(icon.size).toBe("x-small");
  });

  it("takes a smaller icon for the history", () => {
    const element = createIconText({
      iconName: "utility:voicemail_drop",
      label: "Left a voicemail",
      size: "xx-small"
    });

    expect(element.shadowRoot.querySelector("lightning-icon").size).toBe("xx-small");
  });

  it("is accessible", async () => {
    const element = createIconText({ iconName: "utility:incoming_call", label: "Answered by a person" });

    await expect(element).toBeAccessible();
  });
});
