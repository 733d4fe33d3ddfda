package rt;

import java.util.ArrayList;
import java.util.List;

/**
 * A matcher's input that counts the regex engine's reads (charAt) and throws the uncatchable
 * RegexTooComplicatedError past the platform's 1,000,000 (Apex Developer Guide, "Using Patterns and
 * Matchers"). Java's java.util.regex, which Apex's Pattern and Matcher are, reads its input only through
 * charAt (code points are read with Character.codePointAt(CharSequence, int), which calls charAt), so
 * the count is the number of input accesses the limit speaks of. Every counted text of the current run is
 * kept (see maxima()) so a runner can report the highest reads.
 */
public final class CountedText implements CharSequence {
  /** Apex's limit; a measuring tool may raise it (-Dapex.regex.limit=n), a runner never does. */
  public static final long LIMIT = Long.getLong("apex.regex.limit", 1_000_000L);
  private static final List<CountedText> ACTIVE = new ArrayList<>();

  private final String text;
  private final String pattern;
  private long reads;

  CountedText(String text, String pattern) {
    this.text = text;
    this.pattern = pattern;
    ACTIVE.add(this);
  }

  @Override
  public char charAt(int index) {
    if (++reads > LIMIT) {
      throw new RegexTooComplicatedError(pattern, text.length());
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public String toString() {
    return text;
  }

  /** The highest reads since the last call, with its pattern and input length; the list is cleared. */
  public static Maximum takeMaximum() {
    Maximum max = new Maximum();
    for (CountedText t : ACTIVE) {
      if (t.reads > max.reads) {
        max.reads = t.reads;
        max.pattern = t.pattern;
        max.inputLength = t.text.length();
      }
    }
    ACTIVE.clear();
    return max;
  }

  /** The most-read input of a stretch of work. */
  public static final class Maximum {
    public long reads;
    public String pattern;
    public int inputLength;
  }
}
