/**
 * "Call back" with the caller's number through lightning-click-to-dial: it dials through the org's softphone
 * when one is configured (Open CTI, Service Cloud Voice) and is a tel: link otherwise.
 */
import { LightningElement, api } from "lwc";

export default class CallBack extends LightningElement {
  /** The number to call, as received. */
  @api phone;
  /** The record the call is logged against by the softphone. */
  @api recordId;
}
