package rt;

/**
 * The Assert class (and System.assertEquals): failures are the uncatchable AssertException. Equality here
 * is not `==`: Strings compare case-sensitively ('a' against 'A' fails, as developers report of
 * System.assertEquals), numbers by value, lists element by element the same way.
 */
public final class ApexAssert {
  private ApexAssert() {}

  static boolean same(Object expected, Object actual) {
    if (expected instanceof String || actual instanceof String) {
      return expected != null && expected.equals(actual);
    }
    if (expected instanceof ApexList && actual instanceof ApexList) {
      ApexList<?> x = (ApexList<?>) expected;
      ApexList<?> y = (ApexList<?>) actual;
      if (x.size().intValue() != y.size().intValue()) return false;
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) return false;
      }
      return true;
    }
    return Ops.eq(expected, actual);
  }

  public static void areEqual(Object expected, Object actual) {
    areEqual(expected, actual, null);
  }

  public static void areEqual(Object expected, Object actual, String message) {
    if (!same(expected, actual)) {
      fail("Expected: " + Values.valueOf(expected) + ", Actual: " + Values.valueOf(actual) + (message == null ? "" : ", " + message));
    }
  }

  public static void areNotEqual(Object expected, Object actual) {
    areNotEqual(expected, actual, null);
  }

  public static void areNotEqual(Object expected, Object actual, String message) {
    if (same(expected, actual)) fail("Expected not: " + Values.valueOf(expected) + (message == null ? "" : ", " + message));
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
