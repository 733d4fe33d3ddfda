package rt;

/**
 * The platform's "Regex too complicated" limit: a matcher read its input more than 1,000,000 times
 * (Apex Developer Guide, "Using Patterns and Matchers": "Salesforce limits the number of times an input
 * sequence for a regular expression can be accessed to 1,000,000 times. If you reach that limit, you
 * receive a runtime error."). Like every governor limit it cannot be caught in Apex and ends the whole
 * transaction, so it is a java.lang.Error: no translated `catch (Exception e)` catches it.
 */
public class RegexTooComplicatedError extends Error {
  public final String pattern;
  public final int inputLength;

  public RegexTooComplicatedError(String pattern, int inputLength) {
    super("Regex too complicated: more than " + CountedText.LIMIT + " reads of a " + inputLength
        + "-character input by the pattern " + abbreviate(pattern));
    this.pattern = pattern;
    this.inputLength = inputLength;
  }

  private static String abbreviate(String pattern) {
    return pattern.length() <= 200 ? pattern : pattern.substring(0, 197) + "...";
  }
}
