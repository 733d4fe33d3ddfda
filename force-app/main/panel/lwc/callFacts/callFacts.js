/**
 * A call's facts as label and value pairs (caller, rating, service, budget, …). Shared by the call panel
 * and the rule tester, which each decide which facts to show.
 */
import { LightningElement, api } from "lwc";

export default class CallFacts extends LightningElement {
  /** The facts in order: {key, label, value}. */
  @api facts = [];
}
