package rt;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What the runner measures of a transaction: the Apex statements it executed (the translation calls
 * {@link #tick} before every statement and at the start of every loop iteration, see README.md, "Apex
 * statements"), and Limits.getCpuTime(), which here is the CPU time of the JVM thread since the transaction
 * began: a real CPU time, of this machine and the JIT, not of Salesforce's servers.
 */
public final class ApexLimits {
  private ApexLimits() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long statements;
  // APEX_JVM_PROFILE=statements: statements per Apex method, printed by the test runner (slow: a stack walk each).
  private static final boolean PROFILE = "statements".equals(System.getenv("APEX_JVM_PROFILE"));
  private static final java.util.Map<String, long[]> BY_METHOD = new java.util.HashMap<>();
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static long cpuAtStart = THREADS.getCurrentThreadCpuTime();

  /** One Apex statement or loop iteration executed. */
  public static void tick() {
    statements++;
    if (PROFILE) {
      String method = WALKER.walk(frames -> frames.skip(1).findFirst()
          .map(f -> f.getClassName().replace("apex.", "") + "." + f.getMethodName()).orElse("?"));
      BY_METHOD.computeIfAbsent(method, k -> new long[1])[0]++;
    }
  }

  /** With APEX_JVM_PROFILE=statements, the methods that executed the most statements, most first; then cleared. */
  public static String takeProfile(int top) {
    StringBuilder out = new StringBuilder();
    BY_METHOD.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .limit(top)
        .forEach(e -> out.append(String.format("%,12d  %s%n", e.getValue()[0], e.getKey())));
    BY_METHOD.clear();
    return out.toString();
  }

  /** Statements since the transaction began. */
  public static long statements() {
    return statements;
  }

  /** A new transaction: the count and the CPU clock start again. */
  public static void reset() {
    statements = 0;
    cpuAtStart = THREADS.getCurrentThreadCpuTime();
  }

  /** Limits.getCpuTime(): milliseconds of this thread's CPU since the transaction began. */
  public static Integer getCpuTime() {
    return (int) ((THREADS.getCurrentThreadCpuTime() - cpuAtStart) / 1_000_000L);
  }

  /** Limits.getLimitCpuTime(): the synchronous limit, 10,000 ms (Apex Developer Guide, "Execution Governors and Limits"). */
  public static Integer getLimitCpuTime() {
    return 10_000;
  }
}
