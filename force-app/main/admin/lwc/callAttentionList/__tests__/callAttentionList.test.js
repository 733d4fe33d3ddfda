import { createElement } from "lwc";
import CallAttentionList from "c/callAttentionList";
import getCallsNeedingAttention from "@salesforce/apex/AdminController.getCallsNeedingAttention";
import reprocess from "@salesforce/apex/AdminController.reprocess";
import resolveMatch from "@salesforce/apex/AdminController.resolveMatch";
import { childRoot, flushPromises, removeAllComponents } from "../../../../../../test/ui/jestHelpers";

const mockGetCallsNeedingAttention = require("./data/AdminController.getCallsNeedingAttention.json");
const mockReprocess = require("./data/AdminController.reprocess.json");
const mockJunkAndTexts = require("./data/AdminController.getCallsNeedingAttention.junkAndTexts.json");
const mockResolveMatch = require("./data/AdminController.resolveMatch.json");

jest.mock("@salesforce/apex/AdminController.getCallsNeedingAttention", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/AdminController.reprocess", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/AdminController.resolveMatch", () => ({ default: jest.fn() }), { virtual: true });

const [FAILED, NEEDS_REVIEW] = mockGetCallsNeedingAttention;
const [FILTERED, TEXT_NOT_SENT] = mockJunkAndTexts;

async function createList() {
  const element = createElement("c-call-attention-list", { is: CallAttentionList });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

function row(element, id) {
  return element.shadowRoot.querySelector(`li[data-id="${id}"]`);
}

describe("c-call-attention-list", () => {
  afterEach(() => {
    removeAllComponents();
    jest.clearAllMocks();
  });

  it("shows a spinner while the calls load", () => {
    getCallsNeedingAttention.mockReturnValue(new Promise(() => {}));
    const element = createElement("c-call-attention-list", { is: CallAttentionList });
    document.body.appendChild(element);

    expect(childRoot(element, "c-call-card-state").querySelector("lightning-spinner").alternativeText).toBe(
      "Loading calls"
    );
  });

  it("lists failed calls with their error and needs-review calls with their candidates", async () => {
    getCallsNeedingAttention.mockResolvedValue(mockGetCallsNeedingAttention);
    const element = await createList();

    expect(getCallsNeedingAttention).toHaveBeenCalledWith({ maxRows: 50 });
    const failed = row(element, FAILED.id);
    expect(failed.querySelector(".status").textContent.trim()).toBe("Failed");
    expect(failed.querySelector(".call-title").textContent.trim()).toBe("CALL-000051 · Sam Okafor");
    expect(failed.querySelector(".error-message").textContent).toContain(FAILED.errorMessage);
    expect(failed.querySelector(".reprocess")).not.toBeNull();
    const review = row(element, NEEDS_REVIEW.id);
    expect(review.querySelector(".status").textContent.trim()).toBe("Needs Review");
    expect(review.querySelector(".candidates").options).toEqual([
      { label: "Lead: Jordan Lee (phone +14155550188)", value: "00QHn00000JLEE1AAA" },
      { label: "Contact: Jordan Lee (phone +14155550188)", value: "003Hn00000JLEE2AAA" }
    ]);
    expect(review.querySelector(".resolve").disabled).toBe(true);
    expect(element.shadowRoot.querySelector(".reprocess-all").label).toBe("Reprocess all failed (1)");
  });

  it("names only the candidates the admin can see", async () => {
    const hidden = {
      ...NEEDS_REVIEW,
      candidates: [{ ...NEEDS_REVIEW.candidates[0], name: null }, NEEDS_REVIEW.candidates[1]]
    };
    getCallsNeedingAttention.mockResolvedValue([hidden]);
    const element = await createList();

    expect(row(element, NEEDS_REVIEW.id).querySelector(".candidates").options).toEqual([
      { label: "Lead: a record you cannot see (phone +14155550188)", value: "00QHn00000JLEE1AAA" },
      { label: "Contact: Jordan Lee (phone +14155550188)", value: "003Hn00000JLEE2AAA" }
    ]);
  });

  it("offers a filtered call to be processed as a real call, and lists a failed text without Reprocess", async () => {
    getCallsNeedingAttention.mockResolvedValue([...mockGetCallsNeedingAttention, ...mockJunkAndTexts]);
    reprocess.mockResolvedValue([
      { id: FILTERED.id, callId: FILTERED.callId, status: "created", message: null }
    ]);
    const element = await createList();

    const junk = row(element, FILTERED.id);
    expect(junk.querySelector(".status").textContent.trim()).toBe("Filtered");
    expect(junk.querySelector(".status").className).toContain("slds-theme_warning");
    expect(junk.querySelector(".error-message").textContent).toContain('Robocall phrase "press 1 to"');
    const processAsReal = junk.querySelector(".reprocess");
    expect(processAsReal.label).toBe("Process as a real call");
    const text = row(element, TEXT_NOT_SENT.id);
    expect(text.querySelector(".status").textContent.trim()).toBe("Text not sent");
    expect(text.querySelector(".error-message").textContent).toContain("21211: The 'To' number");
    expect(text.querySelector(".reprocess")).toBeNull();

    processAsReal.click();
    await flushPromises();

    expect(reprocess).toHaveBeenCalledWith({ callRecordIds: [FILTERED.id] });
    expect(element.shadowRoot.querySelector(".outcomes").textContent).toBe(
      "nx-2026-1153: processed, records created"
    );
  });

  it("reprocesses one failed call, reports the outcome and reloads", async () => {
    getCallsNeedingAttention
      .mockResolvedValueOnce(mockGetCallsNeedingAttention)
      .mockResolvedValueOnce([NEEDS_REVIEW]);
    reprocess.mockResolvedValue(mockReprocess);
    const element = await createList();

    row(element, FAILED.id).querySelector(".reprocess").click();
    await flushPromises();

    expect(reprocess).toHaveBeenCalledWith({ callRecordIds: [FAILED.id] });
    expect(element.shadowRoot.querySelector(".outcomes").textContent).toBe(
      "nx-2026-1151: processed, records created"
    );
    expect(row(element, FAILED.id)).toBeNull();
    expect(element.shadowRoot.querySelector(".reprocess-all").disabled).toBe(true);
  });

  it("says when a reprocessed call failed again, with the reason", async () => {
    getCallsNeedingAttention.mockResolvedValue(mockGetCallsNeedingAttention);
    reprocess.mockResolvedValue([{ ...mockReprocess[0], status: "failed", message: "Company is required" }]);
    const element = await createList();

    row(element, FAILED.id).querySelector(".reprocess").click();
    await flushPromises();

    expect(element.shadowRoot.querySelector(".outcomes").textContent).toBe(
      "nx-2026-1151: failed again · Company is required"
    );
  });

  it("reprocesses every failed call at once", async () => {
    getCallsNeedingAttention.mockResolvedValue(mockGetCallsNeedingAttention);
    reprocess.mockResolvedValue(mockReprocess);
    const element = await createList();

    element.shadowRoot.querySelector(".reprocess-all").click();
    await flushPromises();

    expect(reprocess).toHaveBeenCalledWith({ callRecordIds: [FAILED.id] });
  });

  it("resolves a match with the chosen candidate", async () => {
    getCallsNeedingAttention
      .mockResolvedValueOnce(mockGetCallsNeedingAttention)
      .mockResolvedValueOnce([FAILED]);
    resolveMatch.mockResolvedValue(mockResolveMatch);
    const element = await createList();
    const review = row(element, NEEDS_REVIEW.id);

    review
      .querySelector(".candidates")
      .dispatchEvent(new CustomEvent("change", { detail: { value: "003Hn00000JLEE2AAA" } }));
    await flushPromises();
    expect(review.querySelector(".resolve").disabled).toBe(false);
    review.querySelector(".resolve").click();
    await flushPromises();

    expect(resolveMatch).toHaveBeenCalledWith({
      callRecordId: NEEDS_REVIEW.id,
      chosenRecordId: "003Hn00000JLEE2AAA"
    });
    expect(element.shadowRoot.querySelector(".outcomes").textContent).toBe(
      "nx-2026-1152: processed, records updated"
    );
    expect(row(element, NEEDS_REVIEW.id)).toBeNull();
  });

  it("shows a failed action through the shared error panel and keeps the list", async () => {
    getCallsNeedingAttention.mockResolvedValue(mockGetCallsNeedingAttention);
    reprocess.mockRejectedValue({
      body: { message: "Reprocess needs the Call Capture Admin permission set." }
    });
    const element = await createList();

    row(element, FAILED.id).querySelector(".reprocess").click();
    await flushPromises();

    const errorPanel = element.shadowRoot.querySelector("c-call-error-panel");
    expect(errorPanel.friendlyMessage).toBe("The action did not run.");
    expect(row(element, FAILED.id)).not.toBeNull();
    expect(row(element, FAILED.id).querySelector(".reprocess").disabled).toBe(false);
  });

  it("says when nothing needs attention", async () => {
    getCallsNeedingAttention.mockResolvedValue([]);
    const element = await createList();

    expect(childRoot(element, "c-call-card-state").querySelector(".empty").textContent).toBe(
      "No failed calls, none waiting for review, no junk or failed texts this week."
    );
  });

  it("shows load errors through the shared error panel", async () => {
    getCallsNeedingAttention.mockRejectedValue({ body: { message: "No access to Call__c" } });
    const element = await createList();

    const errorPanel = childRoot(element, "c-call-card-state").querySelector("c-call-error-panel");
    expect(errorPanel.friendlyMessage).toBe("The calls could not be loaded.");
    expect(errorPanel.errors.body.message).toBe("No access to Call__c");
  });

  it("is accessible", async () => {
    getCallsNeedingAttention.mockResolvedValue(mockGetCallsNeedingAttention);
    const element = await createList();

    await expect(element).toBeAccessible();
  });
});
