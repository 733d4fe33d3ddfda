import { createElement } from "lwc";
import CallRuleTester from "c/callRuleTester";
import testRules from "@salesforce/apex/RuleTesterController.testRules";
import measureRuleCosts from "@salesforce/apex/RuleTesterController.measureRuleCosts";
import {
  flushPromises,
  useFixedClockAndCleanUp,
  childRoot,
  childTexts,
  deepTexts
} from "../../../../../../test/ui/jestHelpers";

const mockTestRules = require("./data/RuleTesterController.testRules.json");
const mockTestRulesNoMatch = require("./data/RuleTesterController.testRules.nomatch.json");

jest.mock("@salesforce/apex/RuleTesterController.testRules", () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock("@salesforce/apex/RuleTesterController.measureRuleCosts", () => ({ default: jest.fn() }), {
  virtual: true
});
const mockMeasureRuleCosts = require("./data/RuleTesterController.measureRuleCosts.json");

const NOW = Date.parse("2026-11-24T15:00:00.000Z");
const TEXT =
  "Hi, we have a burst pipe in the kitchen, please call me back today. Our budget is $8,000-12,000.";

async function createTester(text) {
  const element = createElement("c-call-rule-tester", { is: CallRuleTester });
  document.body.appendChild(element);
  if (text !== undefined) {
    element.shadowRoot
      .querySelector(".transcript-input")
      .dispatchEvent(new CustomEvent("change", { detail: { value: text } }));
    await flushPromises();
  }
  return element;
}

describe("c-call-rule-tester", () => {
  useFixedClockAndCleanUp(NOW);

  it("cannot run without text", async () => {
    const element = await createTester();

    expect(element.shadowRoot.querySelector(".run-test").disabled).toBe(true);
    expect(element.shadowRoot.querySelector(".result")).toBeNull();
  });

  it("sends the pasted text to the engine and shows the result with explanations and highlights", async () => {
    testRules.mockResolvedValue(mockTestRules);
    const element = await createTester(TEXT);

    element.shadowRoot.querySelector(".run-test").click();
    await flushPromises();

    expect(testRules).toHaveBeenCalledWith({ text: TEXT });
    expect(childTexts(element, "c-call-urgency-badge", ".urgency-badge")).toEqual(["Urgency 5 · Emergency"]);
    const facts = [...childRoot(element, "c-call-facts").querySelectorAll(".fact")].map((fact) => [
      fact.querySelector("dt").textContent,
      fact.querySelector("dd").textContent
    ]);
    expect(facts).toEqual([
      ["Rating", "Hot"],
      ["Callback", "Callback due in 15 minutes"],
      ["Service", "Plumbing"],
      ["Budget", "$8,000–$12,000"],
      ["Timeline", "Immediate"]
    ]);
    expect(childTexts(element, "c-call-explanations", ".explanations li").length).toBe(5);
    expect(deepTexts(element, ".tested-text", "c-call-marked-text", "mark")).toEqual([
      "burst pipe",
      "call me back",
      "today",
      "$8,000-12,000"
    ]);
  });

  it("says when no rule matched", async () => {
    testRules.mockResolvedValue(mockTestRulesNoMatch);
    const element = await createTester("Just checking your opening hours.");

    element.shadowRoot.querySelector(".run-test").click();
    await flushPromises();

    expect(childTexts(element, "c-call-urgency-badge", ".urgency-badge")).toEqual(["Urgency 1 · Routine"]);
    expect(childTexts(element, "c-call-explanations", ".no-explanations")).toEqual([
      "No rule matched this text."
    ]);
    expect(childTexts(element, "c-call-facts", ".fact dd")).toEqual([
      "Cold",
      "Not requested",
      "None",
      "None",
      "None"
    ]);
  });

  it("shows engine errors through the shared error panel", async () => {
    testRules.mockRejectedValue({ body: { message: "Regex rule Budget_Words is invalid." } });
    const element = await createTester(TEXT);

    element.shadowRoot.querySelector(".run-test").click();
    await flushPromises();

    const errorPanel = element.shadowRoot.querySelector("c-call-error-panel");
    expect(errorPanel.friendlyMessage).toBe("The rules could not be tested.");
    expect(element.shadowRoot.querySelector(".result")).toBeNull();
  });

  it("is accessible with a result", async () => {
    testRules.mockResolvedValue(mockTestRules);
    const element = await createTester(TEXT);
    element.shadowRoot.querySelector(".run-test").click();
    await flushPromises();

    await expect(element).toBeAccessible();
  });

  it("warns when a kind has more rules than one alternation holds, and keeps the warning out of the evidence", async () => {
    const warning = {
      kind: "Rule",
      rule: "Urgency",
      matched: null,
      snippet:
        "Urgency has 14 rules of one match type; more than 10 are read in 3 passes over every call's text.",
      source: "warning"
    };
    testRules.mockResolvedValue({ ...mockTestRules, explanations: [warning, ...mockTestRules.explanations] });
    const element = await createTester(TEXT);

    element.shadowRoot.querySelector(".run-test").click();
    await flushPromises();

    const shown = [...element.shadowRoot.querySelectorAll(".rule-warning")].map((item) => item.textContent);
    expect(shown).toEqual([warning.snippet]);
    expect(element.shadowRoot.querySelector(".rule-warnings").getAttribute("role")).toBe("alert");
    const evidence = element.shadowRoot.querySelector("c-call-explanations").explanations;
    expect(evidence).toEqual(mockTestRules.explanations);
  });

  it("names a rule that cannot be used above the result, not as evidence", async () => {
    const invalid = {
      kind: "Rule",
      rule: "Budget_Words",
      matched: null,
      snippet: "The pattern is not a valid regular expression.",
      source: "invalid"
    };
    testRules.mockResolvedValue({ ...mockTestRules, explanations: [invalid, ...mockTestRules.explanations] });
    const element = await createTester(TEXT);

    element.shadowRoot.querySelector(".run-test").click();
    await flushPromises();

    const shown = [...element.shadowRoot.querySelectorAll(".rule-warning")].map((item) => item.textContent);
    expect(shown).toEqual(["Budget_Words is not used: The pattern is not a valid regular expression."]);
    expect(element.shadowRoot.querySelector("c-call-explanations").explanations).toEqual(
      mockTestRules.explanations
    );
  });

  it("shows no warning for a rule set that fits", async () => {
    testRules.mockResolvedValue(mockTestRules);
    const element = await createTester(TEXT);

    element.shadowRoot.querySelector(".run-test").click();
    await flushPromises();

    expect(element.shadowRoot.querySelector(".rule-warnings")).toBeNull();
  });

  it("measures each rule's cost and lists unusable and costly rules first", async () => {
    measureRuleCosts.mockResolvedValue(mockMeasureRuleCosts);
    const element = await createTester();

    element.shadowRoot.querySelector(".measure-costs").click();
    await flushPromises();

    const rows = [...element.shadowRoot.querySelectorAll(".cost-row")].map((row) =>
      [...row.children].map((cell) => cell.textContent)
    );
    expect(rows.map((row) => row[0])).toEqual([
      "Urgency_Nested",
      "Urgency_Leak_Anywhere",
      "Urgency_Leak",
      "Urgency_Emergency"
    ]);
    expect(rows[1]).toEqual([
      "Urgency_Leak_Anywhere",
      "Urgency · Regex",
      "250 characters",
      "378,508",
      "61 ms",
      "Costly"
    ]);
    expect(rows[0][5]).toContain("Not used:");
    expect(element.shadowRoot.querySelector(".cost-summary").textContent).toBe(
      "2 of the rules need attention."
    );
    await expect(element).toBeAccessible();
  });

  it("shows why the cost could not be measured", async () => {
    measureRuleCosts.mockRejectedValue({ body: { message: "Apex CPU time limit exceeded" } });
    const element = await createTester();

    element.shadowRoot.querySelector(".measure-costs").click();
    await flushPromises();

    expect(element.shadowRoot.querySelector("c-call-error-panel").friendlyMessage).toBe(
      "The rule cost could not be measured."
    );
    expect(element.shadowRoot.querySelector(".cost-row")).toBeNull();
  });
});
