package rt;

/** System methods. System.debug is silent unless APEX_JVM_DEBUG is set (the runner's output stays readable). */
public final class ApexSystem {
  private ApexSystem() {}

  private static final boolean DEBUG = System.getenv("APEX_JVM_DEBUG") != null;

  public static void debug(Object message) {
    if (DEBUG) System.err.println("DEBUG|" + Values.valueOf(message));
  }

  public static Datetime now() {
    return Datetime.now();
  }

  public static Long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  public static void assert_(Boolean condition) {
    ApexAssert.isTrue(condition);
  }

  public static void assert_(Boolean condition, Object message) {
    ApexAssert.isTrue(condition, Values.valueOf(message));
  }

  public static void assertEquals(Object expected, Object actual) {
    ApexAssert.areEqual(expected, actual);
  }

  public static void assertEquals(Object expected, Object actual, Object message) {
    ApexAssert.areEqual(expected, actual, Values.valueOf(message));
  }

  public static void assertNotEquals(Object expected, Object actual) {
    ApexAssert.areNotEqual(expected, actual);
  }

  public static void assertNotEquals(Object expected, Object actual, Object message) {
    ApexAssert.areNotEqual(expected, actual, Values.valueOf(message));
  }
}
