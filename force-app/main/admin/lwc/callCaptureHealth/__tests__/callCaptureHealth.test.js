import { createElement } from "lwc";
import CallCaptureHealth from "c/callCaptureHealth";
import getHealth from "@salesforce/apex/AdminController.getHealth";
import { childRoot, flushPromises, removeAllComponents } from "../../../../../../test/ui/jestHelpers";

const mockGetHealth = require("./data/AdminController.getHealth.json");
const mockGetHealthOk = require("./data/AdminController.getHealth.ok.json");

jest.mock("@salesforce/apex/AdminController.getHealth", () => ({ default: jest.fn() }), { virtual: true });

// The card's frame (Refresh, spinner, load and action errors) is the shared shell c-call-admin-card.
const shellRoot = (element) => childRoot(element, "c-call-admin-card");
const cardStateRoot = (element) => shellRoot(element).querySelector("c-call-card-state").shadowRoot;

function createHealth() {
  const element = createElement("c-call-capture-health", { is: CallCaptureHealth });
  document.body.appendChild(element);
  return element;
}

function checkValue(element, key) {
  return element.shadowRoot.querySelector(`tr[data-check="${key}"] .value`).textContent;
}

describe("c-call-capture-health", () => {
  afterEach(() => {
    removeAllComponents();
    jest.clearAllMocks();
  });

  it("shows a spinner while the health check runs", () => {
    getHealth.mockReturnValue(new Promise(() => {}));
    const element = createHealth();

    expect(cardStateRoot(element).querySelector("lightning-spinner").alternativeText).toBe("Checking health");
  });

  it("shows the problems: invalid settings and mappings, missing permissions, failed and review counts", async () => {
    getHealth.mockResolvedValue(mockGetHealth);
    const element = createHealth();
    await flushPromises();

    expect(element.shadowRoot.querySelector(".status-label").textContent).toBe(
      "Call Capture needs attention"
    );
    expect(element.shadowRoot.querySelector(".version").textContent).toBe("API v1 · namespace callcap");
    expect(checkValue(element, "settings")).toBe("Invalid: see the problems below");
    expect(checkValue(element, "rules")).toBe("46");
    expect(checkValue(element, "permissions")).toBe("2 missing");
    expect(checkValue(element, "failed")).toBe("3");
    expect(checkValue(element, "review")).toBe("2");
    expect(checkValue(element, "integrationUsers")).toBe("1 of 1 lack access: see below");
    expect(checkValue(element, "retention")).toBe("90 days, but the nightly purge is off");
    expect(checkValue(element, "backfill")).toMatch(/^Completed /);
    expect(element.shadowRoot.querySelectorAll(".check_problem").length).toBe(6);
    const user = element.shadowRoot.querySelector(".integration-user");
    expect(user.textContent).toContain("Call Capture API (api@acme.example)");
    expect(user.querySelector(".grants").textContent).toBe(
      "Profile: Minimum Access - API Only Integrations · Call Capture Integration"
    );
    expect([...user.querySelectorAll(".user-missing li")].map((li) => li.textContent)).toEqual([
      "Lead: read, create, edit",
      "API Enabled"
    ]);
    const permissions = [...element.shadowRoot.querySelectorAll(".missing-permissions li")].map(
      (li) => li.textContent
    );
    expect(permissions).toEqual(mockGetHealth.missingPermissions);
    const problems = [...element.shadowRoot.querySelectorAll(".problem .message")].map(
      (node) => node.textContent
    );
    expect(problems).toEqual(mockGetHealth.problems.map((problem) => problem.message));
  });

  it("says all is well when every check passes", async () => {
    getHealth.mockResolvedValue(mockGetHealthOk);
    const element = createHealth();
    await flushPromises();

    expect(element.shadowRoot.querySelector(".status-label").textContent).toBe("Call Capture is healthy");
    expect(element.shadowRoot.querySelectorAll(".check_problem").length).toBe(0);
    expect(checkValue(element, "permissions")).toBe("Complete");
    expect(checkValue(element, "integrationUsers")).toBe("1 checked, access complete");
    expect(checkValue(element, "retention")).toMatch(/^90 days; next purge /);
    expect(element.shadowRoot.querySelector(".integration-user .complete").textContent).toBe(
      "Has everything intake needs."
    );
    expect(element.shadowRoot.querySelector(".version").textContent).toBe("API v1 · namespace callcap");
    expect(element.shadowRoot.querySelector(".problems")).toBeNull();
    expect(element.shadowRoot.querySelector(".missing-permissions")).toBeNull();
  });

  it("labels whose access each line shows", async () => {
    getHealth.mockResolvedValue(mockGetHealth);
    const element = createHealth();
    await flushPromises();

    const label = (key) => element.shadowRoot.querySelector(`tr[data-check="${key}"] th`).textContent;
    expect(label("integrationUsers")).toBe(
      "Integration users' access (users assigned Call Capture Integration)"
    );
    expect(label("permissions")).toBe("Your own access (the signed-in admin)");
  });

  it("reports a missing integration user as a problem", async () => {
    getHealth.mockResolvedValue({ ...mockGetHealthOk, integrationUsers: [] });
    const element = createHealth();
    await flushPromises();

    expect(checkValue(element, "integrationUsers")).toBe(
      "None: assign Call Capture Integration to the integration user"
    );
    expect(element.shadowRoot.querySelector('tr[data-check="integrationUsers"]').className).toContain(
      "check_problem"
    );
  });

  it("leaves the namespace out in an org without one", async () => {
    getHealth.mockResolvedValue({ ...mockGetHealthOk, namespace: "" });
    const element = createHealth();
    await flushPromises();

    expect(element.shadowRoot.querySelector(".version").textContent).toBe("API v1");
  });

  it("runs the check again on Refresh", async () => {
    getHealth.mockResolvedValueOnce(mockGetHealth).mockResolvedValueOnce(mockGetHealthOk);
    const element = createHealth();
    await flushPromises();

    shellRoot(element).querySelector(".refresh").click();
    await flushPromises();

    expect(getHealth).toHaveBeenCalledTimes(2);
    expect(element.shadowRoot.querySelector(".status-label").textContent).toBe("Call Capture is healthy");
  });

  it("shows Apex errors through the shared error panel", async () => {
    getHealth.mockRejectedValue({
      body: { message: "Insufficient privileges: Call Capture Admin required." }
    });
    const element = createHealth();
    await flushPromises();

    const errorPanel = cardStateRoot(element).querySelector("c-call-error-panel");
    expect(errorPanel.friendlyMessage).toBe("The health check could not run.");
    expect(errorPanel.shadowRoot.querySelector(".messages").textContent).toBe(
      "Insufficient privileges: Call Capture Admin required."
    );
  });

  it("is accessible", async () => {
    getHealth.mockResolvedValue(mockGetHealth);
    const element = createHealth();
    await flushPromises();

    await expect(element).toBeAccessible();
  });
});
