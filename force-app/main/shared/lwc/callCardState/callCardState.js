/**
 * The states a Call Capture card's content goes through, shown one at a time and the same way everywhere: a
 * spinner while loading, else the error (through c-call-error-panel), else the empty message, else the content
 * (the default slot).
 *
 * The owner's template builds slotted content even while this component does not show it, so content that reads
 * loaded data sits inside the owner's own lwc:if (e.g. lwc:if={report}).
 */
import { LightningElement, api } from "lwc";

export default class CallCardState extends LightningElement {
  @api loading = false;
  /** What the spinner says to screen readers, e.g. "Loading calls". */
  @api loadingText;
  /** Errors from wire adapters, Apex calls or JavaScript: shown when set and not loading. */
  @api errors;
  /** The error's headline, e.g. "The calls could not be loaded." */
  @api errorMessage;
  @api empty = false;
  @api emptyMessage;
  /** An icon beside the empty message (the panel's utility:call); none by default. */
  @api emptyIconName;
}
