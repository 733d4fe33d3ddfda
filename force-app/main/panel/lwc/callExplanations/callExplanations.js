/**
 * The "Why" of a call or a rule test, in plain language: what was understood ("Emergency (urgency 5)"), the
 * phrase in the words around it, where it came from (your rules / the phone system / the default) and, when
 * given (the panel's controller adds it to rule findings), what the rule is for. Collapsible; shared by the
 * call panel and the rule tester.
 */
import { LightningElement, api } from "lwc";
import { explanationViews } from "c/callFormat";

export default class CallExplanations extends LightningElement {
  /** The explanations as Apex returns them: kind, rule, matched, snippet, source, description. */
  @api explanations;
  /** The call they explain (urgency, service, timeline, budget), so findings can say what they meant. */
  @api call;
  /** Shown under the heading when there are none; without it, nothing is shown at all. */
  @api emptyMessage;
  /** Whether the list can be folded away under its heading. */
  @api collapsible = false;

  collapsedByUser;

  /** Whether the list starts folded (e.g. on a narrow page region, below the essentials). */
  @api
  get startCollapsed() {
    return this._startCollapsed;
  }
  set startCollapsed(value) {
    this._startCollapsed = value === true;
  }
  _startCollapsed = false;

  get items() {
    return explanationViews(this.explanations, this.call || {}).map((item) => ({
      ...item,
      // The matched phrase is marked inside its context.
      phrases: [item.matched],
      // A rule's phrase without its context is quoted; a value the phone system sent is already said above.
      quote: !item.snippet && item.matched && item.source === "rule" ? item.matched : ""
    }));
  }

  get hasItems() {
    return this.items.length > 0;
  }

  get showSection() {
    return this.hasItems || !!this.emptyMessage;
  }

  get collapsed() {
    return this.collapsible && (this.collapsedByUser ?? this._startCollapsed);
  }

  get showList() {
    return this.hasItems && !this.collapsed;
  }

  get showEmptyMessage() {
    return !this.hasItems && !this.collapsed;
  }

  get expanded() {
    return String(!this.collapsed);
  }

  get toggleIcon() {
    return this.collapsed ? "utility:chevronright" : "utility:chevrondown";
  }

  get heading() {
    return this.hasItems ? `Why (${this.items.length})` : "Why";
  }

  toggle() {
    this.collapsedByUser = !this.collapsed;
  }
}
