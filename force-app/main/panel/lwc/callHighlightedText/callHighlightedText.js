/**
 * A text with the phrases the rules matched highlighted with <mark>, in a box that scrolls and can be
 * focused and scrolled with the keyboard. Rendered with template bindings only, never innerHTML, because
 * the text is what a caller said. Shared by the call panel (transcript) and the rule tester (tested text).
 */
import { LightningElement, api } from "lwc";
import { matchedPhrases } from "c/callFormat";

export default class CallHighlightedText extends LightningElement {
  /** The text to show. */
  @api text;
  /** The explanations whose matched phrases are highlighted. */
  @api explanations;
  /** What a screen reader calls the box, e.g. "Transcript". */
  @api label;

  get phrases() {
    return matchedPhrases(this.explanations);
  }
}
