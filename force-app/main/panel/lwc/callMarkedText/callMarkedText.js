/**
 * A text inline, with the phrases the rules matched in <mark>: whole words, across line breaks. Template
 * bindings only, never innerHTML, because the text is what a caller said. Used for transcripts, conversation
 * turns and the context of a finding.
 */
import { LightningElement, api } from "lwc";
import { highlightSegments } from "c/callFormat";

export default class CallMarkedText extends LightningElement {
  /** The text to show. */
  @api text;
  /** The phrases to mark. */
  @api phrases;

  get segments() {
    return highlightSegments(this.text, this.phrases);
  }
}
