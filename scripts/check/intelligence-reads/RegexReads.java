// Counts how many times java.util.regex (the engine Apex's regex is) reads its input when one Matcher runs find()
// to the end of a text: the quantity Apex limits to 1,000,000 per Matcher ("Regex too complicated"). Used by
// scripts/check/intelligence-rules.mjs; run in source-file mode: java RegexReads.java <patterns.tsv>.
// Each input line: id, window, pattern, probe... (tab-separated; \\, \t, \n, \r escaped); an optional second
// argument stops counting a text past that many reads. For each pattern it
// builds texts of exactly `window` characters by repeating each probe, and prints "id<TAB>worst reads".
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RegexReads {
  /** A text that counts every character read, as Salesforce counts the reads of a regular expression's input. */
  static final class CountingText implements CharSequence {
    private final String text;
    long reads;

    CountingText(String text) {
      this.text = text;
    }

    public char charAt(int index) {
      if (++reads > giveUp) {
        throw new TooManyReads();
      }
      return text.charAt(index);
    }

    public int length() {
      return text.length();
    }

    public CharSequence subSequence(int start, int end) {
      reads += end - start;
      return text.subSequence(start, end);
    }

    public String toString() {
      reads += text.length();
      return text;
    }
  }

  /** Stops a Matcher that is already past the budget, as Apex stops it (there uncatchably). */
  static final class TooManyReads extends RuntimeException {
    TooManyReads() {
      super(null, null, false, false);
    }
  }

  // Past this many reads (the second argument) a count is reported as it stands: the pattern is over the budget.
  static long giveUp = Long.MAX_VALUE;

  static long reads(Pattern pattern, String text) {
    CountingText counted = new CountingText(text);
    Matcher matcher = pattern.matcher(counted);
    try {
      while (matcher.find()) {
        // count every match, as the engine does
      }
    } catch (TooManyReads | StackOverflowError over) {
      return Math.max(counted.reads, giveUp);
    }
    return counted.reads;
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

  public static void main(String[] args) throws Exception {
    if (args.length > 1) {
      giveUp = Long.parseLong(args[1]);
    }
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      int window = Integer.parseInt(fields[1]);
      Pattern pattern = Pattern.compile(unescape(fields[2]));
      long worst = 0;
      for (int p = 3; p < fields.length; p++) {
        String unit = unescape(fields[p]);
        if (unit.isEmpty()) {
          continue;
        }
        StringBuilder text = new StringBuilder(window + unit.length());
        while (text.length() < window) {
          text.append(unit);
        }
        worst = Math.max(worst, reads(pattern, text.substring(0, window)));
      }
      System.out.println(fields[0] + "\t" + worst);
    }
  }
}
