import { createElement } from "lwc";
import CallUrgencyBadge from "c/callUrgencyBadge";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

function createBadge(level) {
  const element = createElement("c-call-urgency-badge", { is: CallUrgencyBadge });
  element.level = level;
  document.body.appendChild(element);
  return element;
}

describe("c-call-urgency-badge", () => {
  afterEach(removeAllComponents);

  it("shows an emergency in words, red, with a light warning icon", () => {
    const badge = createBadge(5).shadowRoot.querySelector(".urgency-badge");

    expect(badge.textContent.trim()).toBe("Urgency 5 · Emergency");
    expect(badge.classList).toContain("slds-theme_error");
    const icon = badge.querySelector("lightning-icon");
    expect(icon.iconName).toBe("utility:warning");
    expect(icon.variant).toBe("inverse");
  });

  it("draws the icon of other levels in its normal colour", () => {
    const badge = createBadge(1).shadowRoot.querySelector(".urgency-badge");

    expect(badge.textContent.trim()).toBe("Urgency 1 · Routine");
    expect(badge.classList).toContain("slds-badge_lightest");
    expect(badge.querySelector("lightning-icon").variant).toBe("");
  });

  it("shows nothing without a known level", () => {
    expect(createBadge(null).shadowRoot.querySelector(".urgency-badge")).toBeNull();
    expect(createBadge(9).shadowRoot.querySelector(".urgency-badge")).toBeNull();
  });

  it("is accessible", async () => {
    await expect(createBadge(4)).toBeAccessible();
  });
});
