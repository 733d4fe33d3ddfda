/**
 * A call's urgency as a badge: the level, its word and an icon, so colour is never the only signal.
 * Shared by the call panel and the rule tester.
 */
import { LightningElement, api } from "lwc";
import { urgencyView } from "c/callFormat";

const EMERGENCY = 5;

export default class CallUrgencyBadge extends LightningElement {
  /** Urgency 1–5; anything else shows nothing. */
  @api level;

  get urgency() {
    return urgencyView(this.level);
  }

  get badgeClass() {
    return `urgency-badge slds-badge ${this.urgency.badgeClass}`;
  }

  // The emergency badge is dark red, so its icon is drawn light.
  get iconVariant() {
    return this.urgency.level === EMERGENCY ? "inverse" : "";
  }
}
