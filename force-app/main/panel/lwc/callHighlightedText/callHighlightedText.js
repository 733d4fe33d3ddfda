/**
 * A text with the phrases the intelligence used marked with <mark>: each at the position the engine recorded, so
 * never every occurrence of a word and never a negated one (callEvidence), in a box that scrolls and can be
 * focused and scrolled with the keyboard. Rendered with template bindings only, never innerHTML, because the text is
 * what a caller said. Shared by the call panel (transcript) and the rule tester (tested text).
 */
import { LightningElement, api } from "lwc";
import { evidenceRanges } from "c/callEvidence";

export default class CallHighlightedText extends LightningElement {
  /** The text to show. */
  @api text;
  /** The explanations whose phrases are marked. */
  @api explanations;
  /** What a screen reader calls the box, e.g. "Transcript". */
  @api label;
  /** Which part of the call the text is (explanations say where their phrase is): transcript or summary. */
  @api field = "transcript";

  get ranges() {
    return evidenceRanges(this.text, this.explanations, this.field);
  }
}
