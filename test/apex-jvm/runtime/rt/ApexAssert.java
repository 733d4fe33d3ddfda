package rt;

/** The Assert class: failures are the uncatchable AssertException. */
public final class ApexAssert {
  private ApexAssert() {}

  public static void areEqual(Object expected, Object actual) {
    areEqual(expected, actual, null);
  }

  public static void areEqual(Object expected, Object actual, String message) {
    if (!Ops.eq(expected, actual)) {
      fail("Expected: " + Values.valueOf(expected) + ", Actual: " + Values.valueOf(actual) + (message == null ? "" : ", " + message));
    }
  }

  public static void areNotEqual(Object expected, Object actual) {
    areNotEqual(expected, actual, null);
  }

  public static void areNotEqual(Object expected, Object actual, String message) {
    if (Ops.eq(expected, actual)) fail("Expected not: " + Values.valueOf(expected) + (message == null ? "" : ", " + message));
  }

  public static void fail() {
    fail(null);
  }

  public static void fail(String message) {
    throw new AssertException("Assertion Failed" + (message == null ? "" : ": " + message));
  }

  public static void isFalse(Boolean condition) {
    isFalse(condition, null);
  }

  public static void isFalse(Boolean condition, String message) {
    if (condition == null || condition) fail(message);
  }

  public static void isNotNull(Object value) {
    isNotNull(value, null);
  }

  public static void isNotNull(Object value, String message) {
    if (value == null) fail(message);
  }

  public static void isNull(Object value) {
    isNull(value, null);
  }

  public static void isNull(Object value, String message) {
    if (value != null) fail(message);
  }

  public static void isTrue(Boolean condition) {
    isTrue(condition, null);
  }

  public static void isTrue(Boolean condition, String message) {
    if (condition == null || !condition) fail(message);
  }
}
