package runner;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import rt.ApexLimits;
import rt.ApexList;
import rt.ApexMap;
import rt.CountedText;
import rt.CustomMetadata;
import rt.Json;

/**
 * Runs translated Apex test methods. Each method gets fresh static state, as each Apex test method runs in its
 * own transaction: the translated classes (package apex) are loaded anew for every method, and the runtime's
 * own state is reset. A failed assertion (AssertException) is a failure; any other exception an error.
 * Usage: TestRunner <classes dir> <metadata-records.json> <Class.method>... (a method may be preceded by
 * Class:setupMethod entries, run first in the same fresh state, as @TestSetup is)
 */
public final class TestRunner {
  private TestRunner() {}

  public static void main(String[] args) throws Exception {
    Path classesDir = Path.of(args[0]);
    ApexList<Object> results = new ApexList<>();
    java.util.List<String> setups = new java.util.ArrayList<>();
    // Read once: the JSON parse per test method cost more than some methods (and its JIT compile besides).
    java.util.Map<String, java.util.List<java.util.Map<String, Object>>> records =
        RunnerSupport.readMetadataRecords(Path.of(args[1]));
    for (int i = 2; i < args.length; i++) {
      if (args[i].contains(":")) {
        setups.add(args[i]);
        continue;
      }
      results.add(run(classesDir, records, setups, args[i]));
      setups.clear();
    }
    System.out.println(Json.serialize(results));
  }

  private static ApexMap<String, Object> run(
      Path classesDir,
      java.util.Map<String, java.util.List<java.util.Map<String, Object>>> records,
      java.util.List<String> setups,
      String test) {
    ApexMap<String, Object> out = new ApexMap<>();
    out.put("test", test);
    CustomMetadata.clear();
    CountedText.takeMaximum();
    long started = System.nanoTime();
    try {
      RunnerSupport.loadMetadataRecords(records);
      ClassLoader loader =
          new FreshApexLoader(classesDir, TestRunner.class.getClassLoader(), name -> name.startsWith("apex."));
      for (String setup : setups) invoke(loader, setup.replace(':', '.'));
      // @TestSetup runs in a transaction of its own: the test method's statements and CPU start here.
      ApexLimits.reset();
      invoke(loader, test);
      out.put("outcome", "pass");
    } catch (InvocationTargetException thrown) {
      Throwable failure = thrown.getCause();
      out.put("outcome", failure instanceof rt.AssertException ? "fail" : "error");
      out.put("error", RunnerSupport.describe(failure));
    } catch (ReflectiveOperationException | RuntimeException broken) {
      out.put("outcome", "error");
      out.put("error", RunnerSupport.describe(broken));
    }
    out.put("millis", (System.nanoTime() - started) / 1_000_000L);
    out.put("statements", ApexLimits.statements());
    if (System.getenv("APEX_JVM_PROFILE") != null) {
      System.err.println("statements by Apex method, " + test + ":\n" + ApexLimits.takeProfile(25));
    }
    return out;
  }

  /** Calls a static method without arguments, found by name case-insensitively. */
  private static void invoke(ClassLoader loader, String qualified) throws ReflectiveOperationException {
    int dot = qualified.lastIndexOf('.');
    Class<?> type = Class.forName("apex." + qualified.substring(0, dot).replace('.', '$'), true, loader);
    for (Method method : type.getDeclaredMethods()) {
      if (method.getName().equalsIgnoreCase(qualified.substring(dot + 1)) && method.getParameterCount() == 0) {
        method.invoke(null);
        return;
      }
    }
    throw new NoSuchMethodException(qualified);
  }
}
