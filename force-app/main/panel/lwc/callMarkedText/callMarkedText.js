/**
 * A text inline, with the phrases the rules used in <mark>: at the given positions (ranges, as callEvidence
 * computes them from the explanations), or, when only phrases are given, every whole-word occurrence of them,
 * across line breaks. Template bindings only, never innerHTML, because the text is what a caller said. Used for
 * transcripts, conversation turns and the context of a finding.
 */
import { LightningElement, api } from "lwc";
import { highlightSegments, rangeSegments } from "c/callFormat";

export default class CallMarkedText extends LightningElement {
  /** The text to show. */
  @api text;
  /** The phrases to mark wherever they occur (used when ranges is not given). */
  @api phrases;
  /** The exact positions to mark: [{start, end}] within text. */
  @api ranges;

  get segments() {
    return Array.isArray(this.ranges)
      ? rangeSegments(this.text, this.ranges)
      : highlightSegments(this.text, this.phrases);
  }
}
