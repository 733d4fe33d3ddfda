/**
 * The admin's rule tester: paste a transcript, see what the org's intelligence rules make of it
 * (urgency, rating, callback, service, budget, timeline) and why, with the phrases the rules used highlighted;
 * and measure what each rule costs on a long call (docs/intelligence.md, "The cost bound").
 */
import { LightningElement } from "lwc";
import testRules from "@salesforce/apex/RuleTesterController.testRules";
import measureRuleCosts from "@salesforce/apex/RuleTesterController.measureRuleCosts";
import { callbackView, formatBudget } from "c/callFormat";

// Explanations RuleTesterController adds about the rule set itself, ahead of the findings.
const RULE_SET_SOURCES = new Set(["invalid", "warning"]);

export default class CallRuleTester extends LightningElement {
  text = "";
  testedText = "";
  result;
  error;
  isRunning = false;
  costs;
  costError;
  isMeasuring = false;

  get testDisabled() {
    return this.isRunning || !this.text.trim();
  }

  get facts() {
    const result = this.result;
    const callback = result.callbackRequested
      ? callbackView({ callbackOwed: true, callbackDue: result.callbackDueAt }, Date.now()).label
      : "Not requested";
    return [
      ["Rating", result.rating || "None"],
      ["Callback", callback],
      ["Service", result.serviceInterest || "None"],
      ["Budget", formatBudget(result) || "None"],
      ["Timeline", result.timeline || "None"]
    ].map(([label, value]) => ({ key: label, label, value }));
  }

  /**
   * What is wrong with the rule set rather than found in the text: rules that cannot be used (source
   * "invalid", named, because the plain-language Why list shows no rule names) and kinds with so many rules
   * that each call's text is read in extra passes (source "warning").
   */
  get ruleWarnings() {
    return (this.result?.explanations || [])
      .filter((explanation) => RULE_SET_SOURCES.has(explanation.source))
      .map((explanation) => ({
        key: `${explanation.source}:${explanation.rule}`,
        message:
          explanation.source === "invalid"
            ? `${explanation.rule} is not used: ${explanation.snippet}`
            : explanation.snippet
      }));
  }

  get hasRuleWarnings() {
    return this.ruleWarnings.length > 0;
  }

  /** What the rules found and why; what is wrong with the rule set is shown above, not as evidence. */
  get evidence() {
    return (this.result?.explanations || []).filter(
      (explanation) => !RULE_SET_SOURCES.has(explanation.source)
    );
  }

  /** Each rule's cost in words: costly and unusable rules first, so an admin sees them without scrolling. */
  get costRows() {
    const rows = (this.costs || []).map((cost) => ({
      key: cost.rule,
      rule: cost.rule,
      kind: `${cost.kind} · ${cost.matchType}`,
      window: cost.window ? `${cost.window.toLocaleString()} characters` : "whole call",
      reads: cost.estimatedReads == null ? "" : cost.estimatedReads.toLocaleString(),
      cpu: cost.cpuMillis == null ? "" : `${cost.cpuMillis} ms`,
      verdict: cost.problem ? `Not used: ${cost.problem}` : cost.costly ? "Costly" : "OK",
      rowClass: cost.problem || cost.costly ? "cost-row cost-row_flagged" : "cost-row",
      rank: cost.problem ? 0 : cost.costly ? 1 : 2
    }));
    return rows.sort((a, b) => a.rank - b.rank);
  }

  get hasCosts() {
    return Array.isArray(this.costs);
  }

  get flaggedCostCount() {
    return this.costRows.filter((row) => row.rank < 2).length;
  }

  async handleMeasure() {
    this.isMeasuring = true;
    this.costError = undefined;
    try {
      this.costs = await measureRuleCosts();
    } catch (error) {
      this.costError = error;
      this.costs = undefined;
    } finally {
      this.isMeasuring = false;
    }
  }

  handleTextChange(event) {
    this.text = event.detail.value || "";
  }

  async handleTest() {
    this.isRunning = true;
    this.error = undefined;
    try {
      const text = this.text;
      this.result = await testRules({ text });
      this.testedText = text;
    } catch (error) {
      this.error = error;
      this.result = undefined;
    } finally {
      this.isRunning = false;
    }
  }
}
