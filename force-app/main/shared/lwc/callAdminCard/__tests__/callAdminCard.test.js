import { createElement } from "lwc";
import CallAdminCard from "c/callAdminCard";
import { flushPromises, removeAllComponents } from "../../../../../../test/ui/jestHelpers";

function createCard(properties) {
  const element = createElement("c-call-admin-card", { is: CallAdminCard });
  Object.assign(element, { cardTitle: "Maintenance", iconName: "standard:maintenance_plan" }, properties);
  document.body.appendChild(element);
  return element;
}

const shown = (element, selector) => element.shadowRoot.querySelector(selector);
const cardState = (element) => shown(element, "c-call-card-state");

describe("c-call-admin-card", () => {
  afterEach(removeAllComponents);

  it("frames the content in a card with its title, icon and a Refresh button in the actions", () => {
    const element = createCard();

    const card = shown(element, "lightning-card");
    expect(card.title).toBe("Maintenance");
    expect(card.iconName).toBe("standard:maintenance_plan");
    const refresh = shown(element, "lightning-button.refresh");
    expect(refresh.slot).toBe("actions");
    expect(refresh.label).toBe("Refresh");
    expect(refresh.iconName).toBe("utility:refresh");
    expect(refresh.disabled).toBe(false);
    // The host carries no title attribute: it would be a tooltip over the whole card.
    expect(element.getAttribute("title")).toBeNull();
  });

  it("fires refresh when Refresh is clicked", () => {
    const element = createCard();
    const onRefresh = jest.fn();
    element.addEventListener("refresh", onRefresh);

    shown(element, ".refresh").click();

    expect(onRefresh).toHaveBeenCalledTimes(1);
  });

  it("passes loading and the load error to c-call-card-state, and disables Refresh while loading", async () => {
    const errors = { body: { message: "no access" } };
    const element = createCard({
      loading: true,
      loadingText: "Loading maintenance jobs",
      errors,
      errorMessage: "The maintenance jobs could not be loaded."
    });

    const state = cardState(element);
    expect(state.loading).toBe(true);
    expect(state.loadingText).toBe("Loading maintenance jobs");
    expect(state.errors).toEqual(errors);
    expect(state.errorMessage).toBe("The maintenance jobs could not be loaded.");
    expect(shown(element, ".refresh").disabled).toBe(true);

    element.loading = false;
    await flushPromises();
    expect(shown(element, ".refresh").disabled).toBe(false);
  });

  it("shows the last action's error above the content, only when there is one", async () => {
    const element = createCard({ actionErrorMessage: "The job could not be changed." });
    expect(shown(element, "c-call-error-panel.action-error")).toBeNull();
    expect(shown(element, "c-call-card-state slot")).not.toBeNull();

    const actionErrors = { body: { message: "A back-fill is already running." } };
    element.actionErrors = actionErrors;
    await flushPromises();

    const panel = shown(element, "c-call-error-panel.action-error");
    expect(panel.friendlyMessage).toBe("The job could not be changed.");
    expect(panel.errors).toEqual(actionErrors);
    expect(panel.nextElementSibling.tagName).toBe("SLOT");
  });

  it("is accessible", async () => {
    const element = createCard({
      actionErrors: new Error("failed"),
      actionErrorMessage: "The change was not saved."
    });
    await flushPromises();
    await expect(element).toBeAccessible();
  });
});
