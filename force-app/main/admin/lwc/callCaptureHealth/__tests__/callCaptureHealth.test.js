import { createElement } from "lwc";
import CallCaptureHealth from "c/callCaptureHealth";
import getHealth from "@salesforce/apex/AdminController.getHealth";

const mockGetHealth = require("./data/AdminController.getHealth.json");
const mockGetHealthOk = require("./data/AdminController.getHealth.ok.json");

jest.mock("@salesforce/apex/AdminController.getHealth", () => ({ default: jest.fn() }), { virtual: true });

// Lets the imperative Apex call settle before asserting.
function flushPromises() {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

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
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it("shows a spinner while the health check runs", () => {
    getHealth.mockReturnValue(new Promise(() => {}));
    const element = createHealth();

    expect(element.shadowRoot.querySelector("lightning-spinner").alternativeText).toBe("Checking health");
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
    expect(element.shadowRoot.querySelectorAll(".check_problem").length).toBe(4);
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
    expect(element.shadowRoot.querySelector(".version").textContent).toBe("API v1 · namespace callcap");
    expect(element.shadowRoot.querySelector(".problems")).toBeNull();
    expect(element.shadowRoot.querySelector(".missing-permissions")).toBeNull();
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

    element.shadowRoot.querySelector(".refresh").click();
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

    const errorPanel = element.shadowRoot.querySelector("c-call-error-panel");
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
