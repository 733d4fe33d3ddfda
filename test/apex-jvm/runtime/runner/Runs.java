package runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import rt.ApexLimits;
import rt.ApexList;
import rt.CountedText;
import rt.CustomMetadata;
import rt.Json;

/**
 * Runs several runners of one program (VectorRunner, CostTable) in one JVM, each as a JVM of its own would run it:
 * its classes (apex.* and runner.*) loaded anew, so it starts with fresh static state, and the runtime's state
 * (custom metadata records, regex reads, statements) emptied. The JVM's start and the JIT's warm-up of the runtime
 * and java.util.regex are paid once (the intelligence step ran three JVMs for its two vectors files and the cost
 * table). Prints a JSON list: each runner's standard output, in order. A runner that throws stops the batch.
 * Usage: Runs <classes dir> <runner class> <arg>... [-- <runner class> <arg>...]...
 */
public final class Runs {
  private Runs() {}

  public static void main(String[] args) throws Throwable {
    Path classesDir = Path.of(args[0]);
    PrintStream stdout = System.out;
    ApexList<String> outputs = new ApexList<>();
    for (int start = 1; start < args.length; ) {
      int end = start;
      while (end < args.length && !args[end].equals("--")) end++;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      CustomMetadata.clear();
      CountedText.takeMaximum();
      ApexLimits.reset();
      ClassLoader loader = new FreshApexLoader(classesDir, Runs.class.getClassLoader(),
          name -> name.startsWith("apex.") || (name.startsWith("runner.") && !name.startsWith("runner.Runs")));
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        Class.forName(args[start], true, loader)
            .getMethod("main", String[].class)
            .invoke(null, (Object) Arrays.copyOfRange(args, start + 1, end));
      } catch (InvocationTargetException thrown) {
        throw thrown.getCause();
      } finally {
        System.setOut(stdout);
      }
      outputs.add(captured.toString(StandardCharsets.UTF_8));
      start = end + 1;
    }
    System.out.println(Json.serialize(outputs));
  }
}
