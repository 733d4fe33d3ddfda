/**
 * An icon with words beside it, so colour or a symbol is never the only signal: how a call ended, on the
 * latest call and in the earlier calls.
 */
import { LightningElement, api } from "lwc";

export default class CallIconText extends LightningElement {
  /** The SLDS icon, e.g. utility:missed_call. */
  @api iconName;
  /** The words. */
  @api label;
  /** x-small for the latest call, xx-small in the history. */
  @api size = "x-small";
}
