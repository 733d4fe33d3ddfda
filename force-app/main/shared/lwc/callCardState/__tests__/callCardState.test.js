import { createElement } from "lwc";
import CallCardState from "c/callCardState";
import { removeAllComponents } from "../../../../../../test/ui/jestHelpers";

function createState(properties) {
  const element = createElement("c-call-card-state", { is: CallCardState });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

const shown = (element, selector) => element.shadowRoot.querySelector(selector);

describe("c-call-card-state", () => {
  afterEach(removeAllComponents);

  it("shows only the spinner while loading, even with an earlier error", () => {
    const element = createState({ loading: true, loadingText: "Loading calls", errors: new Error("old") });

    expect(shown(element, "lightning-spinner").alternativeText).toBe("Loading calls");
    expect(shown(element, "c-call-error-panel")).toBeNull();
    expect(shown(element, "slot")).toBeNull();
  });

  it("shows the error through the shared error panel, not the content", () => {
    const errors = { body: { message: "No access to Call__c" } };
    const element = createState({ errors, errorMessage: "The calls could not be loaded.", empty: true });

    const panel = shown(element, "c-call-error-panel");
    expect(panel.friendlyMessage).toBe("The calls could not be loaded.");
    expect(panel.errors).toEqual(errors);
    expect(shown(element, ".empty")).toBeNull();
    expect(shown(element, "slot")).toBeNull();
  });

  it("shows the empty message, with an icon when given one", () => {
    const plain = createState({ empty: true, emptyMessage: "Nothing this week." });
    expect(shown(plain, "p.empty").textContent).toBe("Nothing this week.");
    expect(shown(plain, "lightning-icon")).toBeNull();

    const withIcon = createState({
      empty: true,
      emptyMessage: "No calls yet.",
      emptyIconName: "utility:call"
    });
    expect(shown(withIcon, ".empty .slds-media__body").textContent).toBe("No calls yet.");
    expect(shown(withIcon, ".empty lightning-icon").iconName).toBe("utility:call");
  });

  it("shows the content once loaded without error and not empty", () => {
    const element = createState({ loading: false });

    expect(shown(element, "slot")).not.toBeNull();
    expect(shown(element, ".loading, c-call-error-panel, .empty")).toBeNull();
  });

  it("is accessible in every state", async () => {
    await expect(createState({ loading: true, loadingText: "Loading calls" })).toBeAccessible();
    await expect(
      createState({ errors: new Error("Network down"), errorMessage: "Failed." })
    ).toBeAccessible();
    await expect(
      createState({ empty: true, emptyMessage: "No calls yet.", emptyIconName: "utility:call" })
    ).toBeAccessible();
  });
});
