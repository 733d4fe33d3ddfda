import { createElement } from "lwc";
import CallErrorPanel from "c/callErrorPanel";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

function createPanel(properties) {
  const element = createElement("c-call-error-panel", { is: CallErrorPanel });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

describe("c-call-error-panel", () => {
  afterEach(removeAllComponents);

  it("shows the headline and every reduced message as an alert", () => {
    const element = createPanel({
      friendlyMessage: "The calls could not be loaded.",
      errors: [{ body: { message: "No access to Call__c" } }, new Error("Network down")]
    });

    expect(element.shadowRoot.querySelector("[role=alert]")).not.toBeNull();
    expect(element.shadowRoot.querySelector(".headline").textContent).toBe("The calls could not be loaded.");
    const messages = [...element.shadowRoot.querySelectorAll(".messages li")].map((li) => li.textContent);
    expect(messages).toEqual(["No access to Call__c", "Network down"]);
  });

  it("shows only the default headline when there is no message to add", () => {
    const element = createPanel({ errors: undefined });

    expect(element.shadowRoot.querySelector(".headline").textContent).toBe("Something went wrong.");
    expect(element.shadowRoot.querySelector(".messages")).toBeNull();
  });

  it("is accessible", async () => {
    const element = createPanel({ errors: { body: { message: "Insufficient access" } } });

    await expect(element).toBeAccessible();
  });
});
