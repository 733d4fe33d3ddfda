/**
 * The one way Call Capture components show an error: a friendly headline, the reduced messages, and an
 * alert role so screen readers announce it.
 */
import { LightningElement, api } from "lwc";
import { reduceErrors } from "c/ldsUtils";

export default class CallErrorPanel extends LightningElement {
  /** Errors from wire adapters, Apex calls or JavaScript (one or a list). */
  @api errors;
  /** The headline, e.g. "The calls could not be loaded." */
  @api friendlyMessage = "Something went wrong.";

  get messages() {
    return reduceErrors(this.errors).map((message, index) => ({ key: `m${index}`, text: message }));
  }

  get hasMessages() {
    return this.messages.length > 0;
  }
}
