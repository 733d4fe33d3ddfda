package rt;

import java.util.regex.Matcher;

/** Apex's Matcher: java.util.regex.Matcher over a CountedText, so its reads count toward the limit. */
public final class ApexMatcher {
  private final ApexPattern pattern;
  private CountedText input;
  private Matcher matcher;

  ApexMatcher(ApexPattern pattern, String input) {
    this.pattern = pattern;
    this.input = new CountedText(input, pattern.pattern());
    this.matcher = pattern.pattern.matcher(this.input);
  }

  public Integer end() {
    return matcher.end();
  }

  public Integer end(Integer group) {
    return matcher.end(group);
  }

  public Boolean find() {
    return matcher.find();
  }

  public Boolean find(Integer start) {
    return matcher.find(start);
  }

  public String group() {
    return matcher.group();
  }

  public String group(Integer group) {
    return matcher.group(group);
  }

  public Integer groupCount() {
    return matcher.groupCount();
  }

  public Boolean hasAnchoringBounds() {
    return matcher.hasAnchoringBounds();
  }

  public Boolean hasTransparentBounds() {
    return matcher.hasTransparentBounds();
  }

  public Boolean hitEnd() {
    return matcher.hitEnd();
  }

  public Boolean lookingAt() {
    return matcher.lookingAt();
  }

  public Boolean matches() {
    return matcher.matches();
  }

  public ApexPattern pattern() {
    return pattern;
  }

  public ApexMatcher region(Integer start, Integer end) {
    matcher.region(start, end);
    return this;
  }

  public Integer regionEnd() {
    return matcher.regionEnd();
  }

  public Integer regionStart() {
    return matcher.regionStart();
  }

  public String replaceAll(String replacement) {
    return matcher.replaceAll(replacement);
  }

  public String replaceFirst(String replacement) {
    return matcher.replaceFirst(replacement);
  }

  public Boolean requireEnd() {
    return matcher.requireEnd();
  }

  public ApexMatcher reset() {
    matcher.reset();
    return this;
  }

  /** A new input is a new input sequence: its reads count afresh. */
  public ApexMatcher reset(String newInput) {
    input = new CountedText(Apex.notNull(newInput), pattern.pattern());
    matcher.reset(input);
    return this;
  }

  public Integer start() {
    return matcher.start();
  }

  public Integer start(Integer group) {
    return matcher.start(group);
  }

  public ApexMatcher useAnchoringBounds(Boolean value) {
    matcher.useAnchoringBounds(value);
    return this;
  }

  public ApexMatcher usePattern(ApexPattern newPattern) {
    matcher.usePattern(newPattern.pattern);
    return this;
  }

  public ApexMatcher useTransparentBounds(Boolean value) {
    matcher.useTransparentBounds(value);
    return this;
  }

  public static String quoteReplacement(String text) {
    return Matcher.quoteReplacement(Apex.notNull(text));
  }
}
