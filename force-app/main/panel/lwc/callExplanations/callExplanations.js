/**
 * The "Why" of a call or a rule test, in plain language: what was understood ("Emergency (urgency 5)"), once per
 * finding however many phrases support it, each phrase with who said it ("the caller said", "the receptionist
 * confirmed") in the words around it, why a phrase did not count ("Not counted: the caller was not sure"), where
 * it came from (your rules / the phone system / the default) and, when given (the panel's controller sends them with
 * each call), what the rules are for. Collapsible; shared by the call panel and the rule tester.
 */
import { LightningElement, api } from "lwc";
import { explanationGroups } from "c/callEvidence";

export default class CallExplanations extends LightningElement {
  /**
   * The explanations as Apex returns them (CallIntelligence.Explanation): kind, rule, matched, snippet, source, and
   * when stored by this version speaker, basis, negation, field, startIndex, endIndex.
   */
  @api explanations;
  /**
   * What the call was worth (its CallIntelligence: urgency, service, timeline, budget) and, on the panel, its
   * disposition, so findings can say what they meant.
   */
  @api call;
  /** What the org's rules are for, by rule name (the panel's calls carry them); shown under the rules' findings. */
  @api ruleDescriptions;
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
    return explanationGroups(this.explanations, this.call || {}, this.ruleDescriptions || {}).map(
      (group) => ({
        ...group,
        evidence: group.evidence.map((item) => ({
          ...item,
          // A phrase without its context is quoted; with context it is marked inside it.
          quote: item.snippet ? "" : item.matched
        }))
      })
    );
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
