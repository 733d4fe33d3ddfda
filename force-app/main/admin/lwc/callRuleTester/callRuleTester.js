/**
 * The admin's rule tester: paste a transcript, see what the org's intelligence rules make of it
 * (urgency, rating, callback, service, budget, timeline) and why, with the matched phrases highlighted.
 */
import { LightningElement } from "lwc";
import testRules from "@salesforce/apex/RuleTesterController.testRules";
import { callbackView, formatBudget } from "c/callFormat";

export default class CallRuleTester extends LightningElement {
  text = "";
  testedText = "";
  result;
  error;
  isRunning = false;

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

  /** Kinds with so many rules that each call's text is read in extra passes (source "warning"). */
  get ruleWarnings() {
    return (this.result?.explanations || [])
      .filter((explanation) => explanation.source === "warning")
      .map((explanation) => ({ key: explanation.rule, message: explanation.snippet }));
  }

  get hasRuleWarnings() {
    return this.ruleWarnings.length > 0;
  }

  /** What the rules found and why; the rule-set warnings are shown above, not as evidence. */
  get evidence() {
    return (this.result?.explanations || []).filter((explanation) => explanation.source !== "warning");
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
