import { createElement } from "lwc";
import CallMaintenance from "c/callMaintenance";
import getMaintenance from "@salesforce/apex/AdminController.getMaintenance";
import startBackfill from "@salesforce/apex/AdminController.startBackfill";
import startCallbackStampRepair from "@salesforce/apex/AdminController.startCallbackStampRepair";
import scheduleRetention from "@salesforce/apex/AdminController.scheduleRetention";
import stopRetention from "@salesforce/apex/AdminController.stopRetention";
import { childRoot, flushPromises, removeAllComponents } from "../../../../../../test/ui/jestHelpers";

const mockMaintenance = require("./data/AdminController.getMaintenance.json");
const mockNever = require("./data/AdminController.getMaintenance.never.json");
const mockInstallRefused = require("./data/AdminController.getMaintenance.installRefused.json");

jest.mock("@salesforce/apex/AdminController.getMaintenance", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/AdminController.startBackfill", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/AdminController.startCallbackStampRepair", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/AdminController.scheduleRetention", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/AdminController.stopRetention", () => ({ default: jest.fn() }), {
  virtual: true
});

// The card's frame (Refresh, spinner, load and action errors) is the shared shell c-call-admin-card.
const shellRoot = (element) => childRoot(element, "c-call-admin-card");
const cardStateRoot = (element) => shellRoot(element).querySelector("c-call-card-state").shadowRoot;

async function createMaintenance() {
  const element = createElement("c-call-maintenance", { is: CallMaintenance });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function text(element, selector) {
  return element.shadowRoot.querySelector(selector).textContent;
}

function button(element, selector) {
  return element.shadowRoot.querySelector(selector);
}

describe("c-call-maintenance", () => {
  afterEach(() => {
    removeAllComponents();
    jest.clearAllMocks();
  });

  it("shows the last back-fill, the retention schedule and the runs with their counts", async () => {
    getMaintenance.mockResolvedValue(mockMaintenance);
    const element = await createMaintenance();

    expect(text(element, ".backfill-summary")).toMatch(/^Completed /);
    expect(text(element, ".schedule-summary")).toMatch(/^Nightly at 03:00; next run /);
    expect(text(element, ".retention-days")).toContain("older than 90 days");
    const rows = element.shadowRoot.querySelectorAll("tr.run");
    expect(rows.length).toBe(2);
    expect(rows[0].querySelector(".checked").textContent).toBe("1840");
    expect(rows[0].querySelector(".changed").textContent).toBe("1812");
    expect(rows[0].querySelector(".errors pre").textContent).toContain("Phone must be 10 digits");
    expect(rows[0].classList.contains("slds-text-color_error")).toBe(true);
    expect(rows[1].querySelector(".errors")).toBeNull();
    expect(button(element, ".start-backfill").disabled).toBe(false);
  });

  it("says when the back-fill never ran and retention is off", async () => {
    getMaintenance.mockResolvedValue(mockNever);
    const element = await createMaintenance();

    expect(text(element, ".backfill-summary")).toMatch(/^Never run/);
    expect(text(element, ".schedule-summary")).toBe("Off: nothing is purged.");
    expect(text(element, ".retention-days")).toContain("keep their content forever");
    expect(button(element, ".stop-retention").disabled).toBe(true);
    expect(element.shadowRoot.querySelector(".runs")).toBeNull();
  });

  it("shows what the install could not schedule or start beside the button that does it", async () => {
    getMaintenance.mockResolvedValue(mockInstallRefused);
    const element = await createMaintenance();

    const retention = element.shadowRoot.querySelector(".retention-install-problem");
    expect(retention.getAttribute("role")).toBe("alert");
    expect(retention.textContent).toContain("maximum number (100) of Apex scheduled jobs");
    expect(text(element, ".backfill-install-problem")).toContain("flex queue");
    expect(button(element, ".save-schedule").disabled).toBe(false);
    expect(button(element, ".start-backfill").disabled).toBe(false);
  });

  it("shows no install problem when the install scheduled and started everything", async () => {
    getMaintenance.mockResolvedValue(mockMaintenance);
    const element = await createMaintenance();

    expect(element.shadowRoot.querySelector(".retention-install-problem")).toBeNull();
    expect(element.shadowRoot.querySelector(".backfill-install-problem")).toBeNull();
  });

  it("starts the back-fill and shows it running, with the start button disabled", async () => {
    getMaintenance.mockResolvedValue(mockNever);
    startBackfill.mockResolvedValue({
      ...mockNever,
      backfill: {
        running: true,
        jobId: "7071x00000ABCDEAAA",
        status: "Processing",
        batchesProcessed: 3,
        totalBatches: 10,
        startedAt: "2026-06-01T09:00:00.000Z"
      }
    });
    const element = await createMaintenance();

    button(element, ".start-backfill").click();
    await flushPromises();

    expect(startBackfill).toHaveBeenCalledTimes(1);
    expect(text(element, ".backfill-summary")).toMatch(/^Processing \(3 of 10 batches\), started /);
    expect(button(element, ".start-backfill").disabled).toBe(true);
  });

  it("starts the callback stamp repair and says where its run will show", async () => {
    getMaintenance.mockResolvedValue(mockMaintenance);
    startCallbackStampRepair.mockResolvedValue(mockMaintenance);
    const element = await createMaintenance();
    expect(element.shadowRoot.querySelector(".stamps-started")).toBeNull();

    button(element, ".stamp-callbacks").click();
    await flushPromises();

    expect(startCallbackStampRepair).toHaveBeenCalledTimes(1);
    expect(text(element, ".stamps-started")).toContain("appears under the recent runs");
    expect(shellRoot(element).querySelector("c-call-error-panel.action-error")).toBeNull();
  });

  it("saves the chosen hour and turns retention off", async () => {
    getMaintenance.mockResolvedValue(mockMaintenance);
    scheduleRetention.mockResolvedValue({
      ...mockMaintenance,
      retention: { ...mockMaintenance.retention, hourOfDay: 22 }
    });
    stopRetention.mockResolvedValue({
      ...mockMaintenance,
      retention: { scheduled: false, retentionDays: 90 }
    });
    const element = await createMaintenance();

    const hour = element.shadowRoot.querySelector("select.hour");
    expect(hour.value).toBe("3");
    hour.value = "22";
    hour.dispatchEvent(new CustomEvent("change"));
    button(element, ".save-schedule").click();
    await flushPromises();

    expect(scheduleRetention).toHaveBeenCalledWith({ hourOfDay: 22 });
    expect(text(element, ".schedule-summary")).toMatch(/^Nightly at 22:00/);

    button(element, ".stop-retention").click();
    await flushPromises();

    expect(stopRetention).toHaveBeenCalledTimes(1);
    expect(text(element, ".schedule-summary")).toBe("Off: nothing is purged.");
  });

  it("shows why an action failed and keeps the last status", async () => {
    getMaintenance.mockResolvedValue(mockMaintenance);
    startBackfill.mockRejectedValue({
      body: { message: "A phone-key back-fill is already running; wait for it to finish." }
    });
    const element = await createMaintenance();

    button(element, ".start-backfill").click();
    await flushPromises();

    const panel = shellRoot(element).querySelector("c-call-error-panel.action-error");
    expect(panel).not.toBeNull();
    expect(panel.friendlyMessage).toBe("The job could not be changed.");
    expect(text(element, ".backfill-summary")).toMatch(/^Completed /);
  });

  it("shows an error when the jobs cannot be loaded", async () => {
    getMaintenance.mockRejectedValue({
      body: { message: "You cannot manage Call Capture maintenance jobs." }
    });
    const element = await createMaintenance();

    expect(cardStateRoot(element).querySelector("c-call-error-panel").friendlyMessage).toBe(
      "The maintenance jobs could not be loaded."
    );
  });

  it("is accessible", async () => {
    getMaintenance.mockResolvedValue(mockMaintenance);
    const element = await createMaintenance();

    await expect(element).toBeAccessible();
  });
});
