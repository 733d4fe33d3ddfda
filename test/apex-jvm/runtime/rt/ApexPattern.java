package rt;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Apex's Pattern: java.util.regex.Pattern, whose matchers read their input through a CountedText. */
public final class ApexPattern {
  final Pattern pattern;

  private ApexPattern(Pattern pattern) {
    this.pattern = pattern;
  }

  /** Pattern.compile; an invalid expression is a (catchable) StringException, as in Apex. */
  public static ApexPattern compile(String regex) {
    Apex.notNull(regex);
    try {
      return new ApexPattern(Pattern.compile(regex));
    } catch (PatternSyntaxException invalid) {
      throw new StringException("Invalid regex: " + invalid.getMessage());
    }
  }

  public static Boolean matches(String regex, String input) {
    return compile(regex).matcher(input).matches();
  }

  public static String quote(String text) {
    return Pattern.quote(Apex.notNull(text));
  }

  public ApexMatcher matcher(String input) {
    return new ApexMatcher(this, Apex.notNull(input));
  }

  public String pattern() {
    return pattern.pattern();
  }

  public ApexList<String> split(String input) {
    return splitText(input, 0);
  }

  /** String.split(regex[, limit]) and Pattern.split: Java's Pattern.split over a counted input. */
  ApexList<String> splitText(String input, int limit) {
    ApexList<String> out = new ApexList<>();
    for (String part : pattern.split(new CountedText(Apex.notNull(input), pattern.pattern()), limit)) {
      out.add(part);
    }
    return out;
  }
}
