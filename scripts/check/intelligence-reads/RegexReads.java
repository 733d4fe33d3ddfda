// Counts how many times Apex's regex reads its input when one Matcher runs find() to the end of a text, with the
// counting of the intelligence step's runtime (test/apex-jvm, rt.CountedText: the reads Apex limits to 1,000,000).
// Used by scripts/check/intelligence-rules.mjs, which runs it with -Dapex.regex.limit=<budget>: a text past the
// budget stops there, as Apex stops one past its limit, and counts as budget + 1.
// Input (a file): lines of id, window, pattern, probe... (tab-separated; \\, \t, \n, \r escaped). For each
// pattern it builds texts of exactly `window` characters by repeating each probe, and prints "id<TAB>worst reads".
import java.nio.file.Files;
import java.nio.file.Path;
import rt.ApexMatcher;
import rt.ApexPattern;
import rt.CountedText;
import rt.RegexTooComplicatedError;

public class RegexReads {
  public static void main(String[] args) throws Exception {
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] fields = line.split("\t", -1);
      int window = Integer.parseInt(fields[1]);
      ApexPattern pattern = ApexPattern.compile(unescape(fields[2]));
      long worst = 0;
      for (int p = 3; p < fields.length; p++) {
        String unit = unescape(fields[p]);
        if (unit.isEmpty()) {
          continue;
        }
        try {
          ApexMatcher matcher = pattern.matcher(unit.repeat(window / unit.length() + 1).substring(0, window));
          while (matcher.find()) {
            // every match, as the engine reads them
          }
          worst = Math.max(worst, CountedText.takeMaximum().reads);
        } catch (RegexTooComplicatedError | StackOverflowError over) {
          worst = CountedText.LIMIT + 1;
          CountedText.takeMaximum();
        }
      }
      System.out.println(fields[0] + "\t" + worst);
    }
  }

  static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 1 < field.length()) {
        char next = field.charAt(++i);
        out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
