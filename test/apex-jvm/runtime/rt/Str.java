package rt;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * Apex's String methods (Apex Reference, "String Class") as static helpers: the value comes first, and a
 * null value throws NullPointerException as calling a method on null does in Apex. Many follow Apache
 * Commons StringUtils, whose semantics the Apex reference describes; where Apex's documentation is silent
 * on an edge (the empty string for isNumeric/isAlpha/isAlphanumeric) the Commons Lang 3 answer is used:
 * false, which is what the engine's own code assumes (IntelligenceRuleSet.urgencyLevel).
 */
public final class Str {
  private Str() {}

  private static String self(String s) {
    return Apex.notNull(s);
  }

  public static String abbreviate(String s, Integer maxWidth) {
    self(s);
    if (s.length() <= maxWidth) return s;
    if (maxWidth < 4) throw new StringException("Minimum abbreviation width is 4");
    return s.substring(0, maxWidth - 3) + "...";
  }

  public static String capitalize(String s) {
    self(s);
    return s.isEmpty() ? s : Character.toTitleCase(s.charAt(0)) + s.substring(1);
  }

  public static String uncapitalize(String s) {
    self(s);
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  public static Integer charAt(String s, Integer index) {
    self(s);
    if (index < 0 || index >= s.length()) throw new StringException("Index out of bounds: " + index);
    return (int) s.charAt(index);
  }

  public static Integer compareTo(String s, String other) {
    return self(s).compareTo(Apex.notNull(other));
  }

  public static Boolean contains(String s, String part) {
    return self(s).contains(Apex.notNull(part));
  }

  public static Boolean containsAny(String s, String chars) {
    self(s);
    for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return true;
    return false;
  }

  public static Boolean containsNone(String s, String chars) {
    return !containsAny(s, chars);
  }

  public static Boolean containsOnly(String s, String chars) {
    self(s);
    for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) < 0) return false;
    return true;
  }

  public static Boolean containsIgnoreCase(String s, String part) {
    return indexOfIgnoreCase(s, part, 0) >= 0;
  }

  public static Boolean containsWhitespace(String s) {
    self(s);
    for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return true;
    return false;
  }

  public static Integer countMatches(String s, String part) {
    self(s);
    if (part == null || part.isEmpty()) return 0;
    int count = 0;
    for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + part.length())) count++;
    return count;
  }

  public static String deleteWhitespace(String s) {
    self(s);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i))) out.append(s.charAt(i));
    return out.toString();
  }

  public static Boolean endsWith(String s, String suffix) {
    return self(s).endsWith(Apex.notNull(suffix));
  }

  public static Boolean endsWithIgnoreCase(String s, String suffix) {
    self(s);
    return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
  }

  public static Boolean equals(String s, Object other) {
    return self(s).equals(other);
  }

  public static Boolean equalsIgnoreCase(String s, String other) {
    return self(s).equalsIgnoreCase(other);
  }

  /** getChars(): the UTF-16 code units, as Integers ("String Class"). */
  public static ApexList<Integer> getChars(String s) {
    ApexList<Integer> out = new ApexList<>();
    for (int i = 0; i < self(s).length(); i++) out.add((int) s.charAt(i));
    return out;
  }

  public static Integer hashCode(String s) {
    return self(s).hashCode();
  }

  public static Integer indexOf(String s, String part) {
    return self(s).indexOf(Apex.notNull(part));
  }

  public static Integer indexOf(String s, String part, Integer from) {
    return self(s).indexOf(Apex.notNull(part), from);
  }

  public static Integer indexOfAny(String s, String chars) {
    self(s);
    for (int i = 0; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
    return -1;
  }

  public static Integer indexOfIgnoreCase(String s, String part) {
    return indexOfIgnoreCase(s, part, 0);
  }

  public static Integer indexOfIgnoreCase(String s, String part, Integer from) {
    self(s);
    Apex.notNull(part);
    for (int i = Math.max(0, from); i + part.length() <= s.length(); i++) {
      if (s.regionMatches(true, i, part, 0, part.length())) return i;
    }
    return -1;
  }

  public static Boolean isAllLowerCase(String s) {
    return !self(s).isEmpty() && s.chars().allMatch(Character::isLowerCase);
  }

  public static Boolean isAllUpperCase(String s) {
    return !self(s).isEmpty() && s.chars().allMatch(Character::isUpperCase);
  }

  public static Boolean isAlpha(String s) {
    return !self(s).isEmpty() && s.chars().allMatch(Character::isLetter);
  }

  public static Boolean isAlphaSpace(String s) {
    return self(s).chars().allMatch(c -> Character.isLetter(c) || c == ' ');
  }

  public static Boolean isAlphanumeric(String s) {
    return !self(s).isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
  }

  public static Boolean isAlphanumericSpace(String s) {
    return self(s).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ');
  }

  public static Boolean isAsciiPrintable(String s) {
    return self(s).chars().allMatch(c -> c >= 32 && c < 127);
  }

  public static Boolean isNumeric(String s) {
    return !self(s).isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  public static Boolean isNumericSpace(String s) {
    return self(s).chars().allMatch(c -> Character.isDigit(c) || c == ' ');
  }

  public static Boolean isWhitespace(String s) {
    return self(s).chars().allMatch(Character::isWhitespace);
  }

  public static Integer lastIndexOf(String s, String part) {
    return self(s).lastIndexOf(Apex.notNull(part));
  }

  public static Integer lastIndexOf(String s, String part, Integer from) {
    return self(s).lastIndexOf(Apex.notNull(part), from);
  }

  public static Integer lastIndexOfIgnoreCase(String s, String part) {
    self(s);
    for (int i = s.length() - part.length(); i >= 0; i--) {
      if (s.regionMatches(true, i, part, 0, part.length())) return i;
    }
    return -1;
  }

  public static String left(String s, Integer length) {
    self(s);
    return length < 0 ? "" : s.substring(0, Math.min(length, s.length()));
  }

  public static String right(String s, Integer length) {
    self(s);
    return length < 0 ? "" : s.substring(Math.max(0, s.length() - length));
  }

  public static String leftPad(String s, Integer length) {
    return leftPad(s, length, " ");
  }

  public static String leftPad(String s, Integer length, String pad) {
    self(s);
    StringBuilder out = new StringBuilder();
    while (out.length() + s.length() < length) out.append(pad);
    out.setLength(Math.max(0, length - s.length()));
    return out + s;
  }

  public static String rightPad(String s, Integer length) {
    return rightPad(s, length, " ");
  }

  public static String rightPad(String s, Integer length, String pad) {
    self(s);
    StringBuilder out = new StringBuilder(s);
    while (out.length() < length) out.append(pad);
    out.setLength(Math.max(s.length(), length));
    return out.toString();
  }

  public static Integer length(String s) {
    return self(s).length();
  }

  public static String mid(String s, Integer start, Integer length) {
    self(s);
    int from = Math.max(0, start);
    if (length < 0 || from > s.length()) return "";
    return s.substring(from, Math.min(s.length(), from + length));
  }

  /** Leading and trailing whitespace removed, each run of whitespace inside as one space. */
  public static String normalizeSpace(String s) {
    self(s);
    StringBuilder out = new StringBuilder();
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) out.append(' ');
        pendingSpace = false;
        out.append(c);
      }
    }
    return out.toString();
  }

  public static String remove(String s, String part) {
    self(s);
    return part == null || part.isEmpty() ? s : s.replace(part, "");
  }

  public static String removeEnd(String s, String suffix) {
    self(s);
    return suffix != null && !suffix.isEmpty() && s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  public static String removeEndIgnoreCase(String s, String suffix) {
    return suffix != null && !suffix.isEmpty() && endsWithIgnoreCase(s, suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  public static String removeStart(String s, String prefix) {
    self(s);
    return prefix != null && !prefix.isEmpty() && s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  public static String removeStartIgnoreCase(String s, String prefix) {
    self(s);
    return prefix != null && !prefix.isEmpty() && s.regionMatches(true, 0, prefix, 0, prefix.length())
        ? s.substring(prefix.length())
        : s;
  }

  public static String repeat(String s, Integer times) {
    return self(s).repeat(Math.max(0, times));
  }

  public static String replace(String s, String target, String replacement) {
    return self(s).replace(Apex.notNull(target), Apex.notNull(replacement));
  }

  /** Regular-expression methods read their input through a counted matcher (see CountedText). */
  public static String replaceAll(String s, String regex, String replacement) {
    return ApexPattern.compile(regex).matcher(self(s)).replaceAll(replacement);
  }

  public static String replaceFirst(String s, String regex, String replacement) {
    return ApexPattern.compile(regex).matcher(self(s)).replaceFirst(replacement);
  }

  public static String reverse(String s) {
    return new StringBuilder(self(s)).reverse().toString();
  }

  /** split(regex): Java's split, trailing empty strings removed (Apex Reference, "split"). */
  public static ApexList<String> split(String s, String regex) {
    return ApexPattern.compile(regex).splitText(self(s), 0);
  }

  public static ApexList<String> split(String s, String regex, Integer limit) {
    return ApexPattern.compile(regex).splitText(self(s), limit);
  }

  public static Boolean startsWith(String s, String prefix) {
    return self(s).startsWith(Apex.notNull(prefix));
  }

  public static Boolean startsWithIgnoreCase(String s, String prefix) {
    return self(s).regionMatches(true, 0, prefix, 0, prefix.length());
  }

  public static String strip(String s) {
    return self(s).strip();
  }

  public static String substring(String s, Integer start) {
    self(s);
    if (start < 0 || start > s.length()) throw new StringException("Starting position out of bounds: " + start);
    return s.substring(start);
  }

  public static String substring(String s, Integer start, Integer end) {
    self(s);
    if (start < 0 || start > s.length()) throw new StringException("Starting position out of bounds: " + start);
    if (end < start || end > s.length()) throw new StringException("Ending position out of bounds: " + end);
    return s.substring(start, end);
  }

  public static String substringAfter(String s, String separator) {
    self(s);
    if (separator == null) return "";
    int at = s.indexOf(separator);
    return at < 0 ? "" : s.substring(at + separator.length());
  }

  public static String substringAfterLast(String s, String separator) {
    self(s);
    if (separator == null || separator.isEmpty()) return "";
    int at = s.lastIndexOf(separator);
    return at < 0 || at == s.length() - separator.length() ? "" : s.substring(at + separator.length());
  }

  public static String substringBefore(String s, String separator) {
    self(s);
    if (separator == null) return s;
    if (separator.isEmpty()) return "";
    int at = s.indexOf(separator);
    return at < 0 ? s : s.substring(0, at);
  }

  public static String substringBeforeLast(String s, String separator) {
    self(s);
    if (separator == null || separator.isEmpty()) return s;
    int at = s.lastIndexOf(separator);
    return at < 0 ? s : s.substring(0, at);
  }

  public static String substringBetween(String s, String open, String close) {
    self(s);
    int start = s.indexOf(open);
    if (start < 0) return null;
    int end = s.indexOf(close, start + open.length());
    return end < 0 ? null : s.substring(start + open.length(), end);
  }

  /** Case conversion by the context user's locale; the runner's user is en_US. */
  public static String toLowerCase(String s) {
    return self(s).toLowerCase(Locale.US);
  }

  public static String toUpperCase(String s) {
    return self(s).toUpperCase(Locale.US);
  }

  public static String toString(String s) {
    return self(s);
  }

  public static String trim(String s) {
    return self(s).trim();
  }

  // ---- static methods of String ----

  public static String escapeSingleQuotes(String s) {
    return self(s).replace("'", "\\'");
  }

  public static String format(String pattern, ApexList<Object> arguments) {
    Object[] values = new Object[arguments.size()];
    for (int i = 0; i < values.length; i++) values[i] = Values.valueOf(arguments.get(i));
    return MessageFormat.format(self(pattern), values);
  }

  public static String fromCharArray(ApexList<Integer> chars) {
    StringBuilder out = new StringBuilder();
    for (Integer c : chars) out.append((char) (int) c);
    return out.toString();
  }

  public static Boolean isBlank(String s) {
    return s == null || s.chars().allMatch(Character::isWhitespace);
  }

  public static Boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  public static Boolean isNotBlank(String s) {
    return !isBlank(s);
  }

  public static Boolean isNotEmpty(String s) {
    return !isEmpty(s);
  }

  /** String.join(iterable, separator): each element as String.valueOf writes it. */
  public static String join(Object iterable, String separator) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Object item : (Iterable<?>) Apex.notNull(iterable)) {
      if (!first) out.append(separator);
      out.append(Values.valueOf(item));
      first = false;
    }
    return out.toString();
  }

  public static String valueOf(Object value) {
    return Values.valueOf(value);
  }
}
