/**
 * The "Why" of a call or a rule test: every explanation the intelligence produced (what it decided, the
 * matched phrase, the snippet around it, where it came from). Shared by the call panel and the rule tester.
 */
import { LightningElement, api } from "lwc";
import { explanationViews } from "c/callFormat";

export default class CallExplanations extends LightningElement {
  /** The explanations as Apex returns them: kind, rule, matched, snippet, source. */
  @api explanations;
  /** Shown under the heading when there are none; without it, nothing is shown at all. */
  @api emptyMessage;

  get items() {
    return explanationViews(this.explanations);
  }

  get hasItems() {
    return this.items.length > 0;
  }

  get showSection() {
    return this.hasItems || !!this.emptyMessage;
  }
}
