import { createElement } from "lwc";
import CallWebhookSetup from "c/callWebhookSetup";
import getSetup from "@salesforce/apex/WebhookSetupController.getSetup";
import setSecret from "@salesforce/apex/WebhookSetupController.setSecret";
import clearSecret from "@salesforce/apex/WebhookSetupController.clearSecret";
import setOptions from "@salesforce/apex/WebhookSetupController.setOptions";
import processPendingNow from "@salesforce/apex/WebhookSetupController.processPendingNow";
import retryFailed from "@salesforce/apex/WebhookSetupController.retryFailed";
import { childRoot, flushPromises, removeAllComponents } from "../../../../../../test/ui/jestHelpers";

const mockSetup = require("./data/WebhookSetupController.getSetup.json");

jest.mock("@salesforce/apex/WebhookSetupController.getSetup", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/WebhookSetupController.setSecret", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/WebhookSetupController.clearSecret", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/WebhookSetupController.setOptions", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/WebhookSetupController.processPendingNow", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/WebhookSetupController.retryFailed", () => ({ default: jest.fn() }), {
  virtual: true
});

// The card's frame (Refresh, spinner, load and action errors) is the shared shell c-call-admin-card.
const shellRoot = (element) => childRoot(element, "c-call-admin-card");
const cardStateRoot = (element) => shellRoot(element).querySelector("c-call-card-state").shadowRoot;

async function createSetup() {
  const element = createElement("c-call-webhook-setup", { is: CallWebhookSetup });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const vendorSection = (element, vendor) =>
  element.shadowRoot.querySelector(`section.vendor[data-vendor="${vendor}"]`);
const text = (root, selector) => root.querySelector(selector).textContent;

describe("c-call-webhook-setup", () => {
  afterEach(() => {
    removeAllComponents();
    jest.clearAllMocks();
  });

  it("shows each vendor's URL on the chosen Site and which secret slots are set, never a secret", async () => {
    getSetup.mockResolvedValue(mockSetup);
    const element = await createSetup();

    const retell = vendorSection(element, "retell");
    expect(text(retell, ".vendor-url code")).toBe(
      "https://acme.my.salesforce-sites.com/calls/services/apexrest/callcap/v1/webhooks/retell"
    );
    expect(text(retell, ".slot1")).toMatch(/^Secret 1: set /);
    expect(text(retell, ".slot2")).toBe("Secret 2: not set");
    expect(retell.querySelector(".secret-input").type).toBe("password");
    expect(retell.querySelector(".clear2").disabled).toBe(true);
    expect(vendorSection(element, "twilio").querySelector(".option-input").value).toContain(
      "/webhooks/twilio"
    );
    expect(vendorSection(element, "vapi").querySelector(".option-input").value).toBe(
      "2ccabf54-ccd8-4dff-ae93-e830159c8004"
    );
    expect(retell.querySelector(".option-input")).toBeNull();
    await expect(element).toBeAccessible();
  });

  it("shows the processing command with the trigger and the chosen user, and the inbox's health", async () => {
    getSetup.mockResolvedValue(mockSetup);
    const element = await createSetup();

    const command = text(element.shadowRoot, ".command");
    expect(command).toContain("--sobject PlatformEventSubscriberConfig");
    expect(command).toContain("PlatformEventConsumerId=01q5e000000AbCdAAK");
    expect(command).toContain("UserId=0055e000001AbCdAAK");
    expect(text(element.shadowRoot, ".pending")).toMatch(/^2 events wait, the oldest since /);
    expect(text(element.shadowRoot, ".waiting")).toContain("Automated Process user");
    expect(text(element.shadowRoot, ".ignored")).toContain("Retell call_started: 12");
    expect(text(element.shadowRoot, ".lookups")).toBe(
      "Caller lookups in the last 24 hours: 9 known, 4 unknown callers."
    );
    expect(element.shadowRoot.querySelector(".retry-failed").disabled).toBe(false);
  });

  it("sends a new secret once, then empties the field", async () => {
    getSetup.mockResolvedValue(mockSetup);
    setSecret.mockResolvedValue(mockSetup);
    const element = await createSetup();
    const retell = vendorSection(element, "retell");
    const input = retell.querySelector(".secret-input");
    input.value = "key_new_webhook";
    input.dispatchEvent(new CustomEvent("change"));
    retell.querySelector(".save2").click();
    await flushPromises();

    expect(setSecret).toHaveBeenCalledWith({ vendor: "retell", slot: 2, secret: "key_new_webhook" });
    expect(input.value).toBe("");
  });

  it("removes an old secret, saves the Twilio URL and wakes or retries processing", async () => {
    getSetup.mockResolvedValue(mockSetup);
    clearSecret.mockResolvedValue(mockSetup);
    setOptions.mockResolvedValue(mockSetup);
    processPendingNow.mockResolvedValue(mockSetup);
    retryFailed.mockResolvedValue(mockSetup);
    const element = await createSetup();
    const twilio = vendorSection(element, "twilio");

    twilio.querySelector(".clear1").click();
    twilio.querySelector(".save-option").click();
    element.shadowRoot.querySelector(".process-pending").click();
    element.shadowRoot.querySelector(".retry-failed").click();
    await flushPromises();

    expect(clearSecret).toHaveBeenCalledWith({ vendor: "twilio", slot: 1 });
    expect(setOptions).toHaveBeenCalledWith({
      vendor: "twilio",
      signedUrl: mockSetup.vendors[2].signedUrl,
      assistantId: null
    });
    expect(processPendingNow).toHaveBeenCalled();
    expect(retryFailed).toHaveBeenCalled();
  });

  it("says what is missing when there is no Site, no integration user and nothing counted", async () => {
    getSetup.mockResolvedValue({
      ...mockSetup,
      sites: [],
      processingUsers: [],
      triggerId: null,
      health: { pending: 0, failed: 0, processedLastDay: 0, ignored: [], lookupsCounted: false }
    });
    const element = await createSetup();

    expect(element.shadowRoot.querySelector(".no-site")).not.toBeNull();
    expect(element.shadowRoot.querySelector(".no-user")).not.toBeNull();
    expect(text(element.shadowRoot, ".command")).toContain("UserId=<integration user id>");
    expect(text(element.shadowRoot, ".pending")).toBe("Nothing waits.");
    expect(text(element.shadowRoot, ".last-processed")).toBe("No event processed yet.");
    expect(text(element.shadowRoot, ".lookups")).toContain("not counted");
    expect(element.shadowRoot.querySelector(".retry-failed").disabled).toBe(true);
  });

  it("shows a failed action and a failed load", async () => {
    getSetup.mockResolvedValue(mockSetup);
    processPendingNow.mockRejectedValue({ body: { message: "Managing webhooks needs the admin set." } });
    const element = await createSetup();
    element.shadowRoot.querySelector(".process-pending").click();
    await flushPromises();
    expect(shellRoot(element).querySelector(".action-error")).not.toBeNull();

    removeAllComponents();
    getSetup.mockRejectedValue({ body: { message: "no access" } });
    const failed = await createSetup();
    expect(cardStateRoot(failed).querySelector("c-call-error-panel")).not.toBeNull();
    expect(failed.shadowRoot.querySelector(".vendor")).toBeNull();
  });
});
