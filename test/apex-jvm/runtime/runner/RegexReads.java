package runner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import rt.ApexMatcher;
import rt.ApexPattern;
import rt.CountedText;
import rt.RegexTooComplicatedError;

/**
 * Counts the reads one Matcher makes scanning a text with find() to its end, as Apex counts them toward its
 * 1,000,000 limit (see rt.CountedText). Usage: RegexReads <pattern> <text file>; prints "<reads> <matches>"
 * or "over-limit <matches so far>".
 */
public final class RegexReads {
  private RegexReads() {}

  public static void main(String[] args) throws Exception {
    String text = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
    CountedText.takeMaximum();
    int matches = 0;
    try {
      ApexMatcher matcher = ApexPattern.compile(args[0]).matcher(text);
      while (matcher.find()) matches++;
      System.out.println(CountedText.takeMaximum().reads + " " + matches);
    } catch (RegexTooComplicatedError tooMany) {
      System.out.println("over-limit " + matches);
    }
  }
}
