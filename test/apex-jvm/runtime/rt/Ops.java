package rt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Iterator;

/**
 * Apex's operators (Apex Developer Guide, "Expression Operators"). The translator widens both operands to
 * one numeric type first, so each operator has one overload per type. Arithmetic on null throws
 * NullPointerException (Java's unboxing does it), as in Apex.
 */
public final class Ops {
  private Ops() {}

  // ---- arithmetic ----
  public static Integer add(Integer a, Integer b) {
    return a + b;
  }

  public static Long add(Long a, Long b) {
    return a + b;
  }

  public static BigDecimal add(BigDecimal a, BigDecimal b) {
    return Apex.notNull(a).add(Apex.notNull(b));
  }

  public static Double add(Double a, Double b) {
    return a + b;
  }

  public static Integer sub(Integer a, Integer b) {
    return a - b;
  }

  public static Long sub(Long a, Long b) {
    return a - b;
  }

  public static BigDecimal sub(BigDecimal a, BigDecimal b) {
    return Apex.notNull(a).subtract(Apex.notNull(b));
  }

  public static Double sub(Double a, Double b) {
    return a - b;
  }

  public static Integer mul(Integer a, Integer b) {
    return a * b;
  }

  public static Long mul(Long a, Long b) {
    return a * b;
  }

  public static BigDecimal mul(BigDecimal a, BigDecimal b) {
    return Apex.notNull(a).multiply(Apex.notNull(b));
  }

  public static Double mul(Double a, Double b) {
    return a * b;
  }

  /** Integer division truncates toward zero, as Java's; dividing by zero is a MathException. */
  public static Integer div(Integer a, Integer b) {
    if (b == 0) throw new MathException("Divide by 0");
    return a / b;
  }

  public static Long div(Long a, Long b) {
    if (b == 0L) throw new MathException("Divide by 0");
    return a / b;
  }

  /**
   * Decimal division. Apex documents no scale for the `/` operator; the runtime divides exactly when the
   * quotient terminates (75 + 100 over 2 is 87.5) and otherwise to 34 significant digits (IEEE 754
   * decimal128, half-even). Code that needs a fixed scale calls setScale, as the engine does.
   */
  public static BigDecimal div(BigDecimal a, BigDecimal b) {
    Apex.notNull(a);
    if (Apex.notNull(b).signum() == 0) throw new MathException("Divide by 0");
    try {
      return a.divide(b);
    } catch (ArithmeticException nonTerminating) {
      return a.divide(b, MathContext.DECIMAL128);
    }
  }

  public static Double div(Double a, Double b) {
    return a / b;
  }

  public static Integer negate(Integer a) {
    return -a;
  }

  public static Long negate(Long a) {
    return -a;
  }

  public static BigDecimal negate(BigDecimal a) {
    return Apex.notNull(a).negate();
  }

  public static Double negate(Double a) {
    return -a;
  }

  // ---- comparison: null on either side is false for numbers (Apex Developer Guide, "Expression Operators") ----
  public static boolean lt(Integer a, Integer b) {
    return a != null && b != null && a < b;
  }

  public static boolean lt(Long a, Long b) {
    return a != null && b != null && a < b;
  }

  public static boolean lt(BigDecimal a, BigDecimal b) {
    return a != null && b != null && a.compareTo(b) < 0;
  }

  public static boolean lt(Double a, Double b) {
    return a != null && b != null && a < b;
  }

  public static boolean gt(Integer a, Integer b) {
    return a != null && b != null && a > b;
  }

  public static boolean gt(Long a, Long b) {
    return a != null && b != null && a > b;
  }

  public static boolean gt(BigDecimal a, BigDecimal b) {
    return a != null && b != null && a.compareTo(b) > 0;
  }

  public static boolean gt(Double a, Double b) {
    return a != null && b != null && a > b;
  }

  public static boolean le(Integer a, Integer b) {
    return a != null && b != null && a <= b;
  }

  public static boolean le(Long a, Long b) {
    return a != null && b != null && a <= b;
  }

  public static boolean le(BigDecimal a, BigDecimal b) {
    return a != null && b != null && a.compareTo(b) <= 0;
  }

  public static boolean le(Double a, Double b) {
    return a != null && b != null && a <= b;
  }

  public static boolean ge(Integer a, Integer b) {
    return a != null && b != null && a >= b;
  }

  public static boolean ge(Long a, Long b) {
    return a != null && b != null && a >= b;
  }

  public static boolean ge(BigDecimal a, BigDecimal b) {
    return a != null && b != null && a.compareTo(b) >= 0;
  }

  public static boolean ge(Double a, Double b) {
    return a != null && b != null && a >= b;
  }

  /** Datetime comparison: null on either side is false, as for numbers. */
  public static boolean lt(Datetime a, Datetime b) {
    return a != null && b != null && a.getTime() < b.getTime();
  }

  public static boolean gt(Datetime a, Datetime b) {
    return a != null && b != null && a.getTime() > b.getTime();
  }

  public static boolean le(Datetime a, Datetime b) {
    return a != null && b != null && a.getTime() <= b.getTime();
  }

  public static boolean ge(Datetime a, Datetime b) {
    return a != null && b != null && a.getTime() >= b.getTime();
  }

  /** String comparison: a non-null String is greater than null; otherwise case-insensitive order. */
  public static boolean lt(String a, String b) {
    return compareStrings(a, b) < 0;
  }

  public static boolean gt(String a, String b) {
    return compareStrings(a, b) > 0;
  }

  public static boolean le(String a, String b) {
    return compareStrings(a, b) <= 0;
  }

  public static boolean ge(String a, String b) {
    return compareStrings(a, b) >= 0;
  }

  private static int compareStrings(String a, String b) {
    if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
    return a.compareToIgnoreCase(b);
  }

  // ---- equality and concatenation ----

  /**
   * Apex `==`: Strings compare case-insensitively, numbers by value whatever their type, lists element by
   * element with ==, other values (sets, maps, SObjects, user objects) by equals().
   */
  public static boolean eq(Object a, Object b) {
    if (a == b) return true;
    if (a == null || b == null) return false;
    if (a instanceof String && b instanceof String) return ((String) a).equalsIgnoreCase((String) b);
    if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) == 0;
    if (a instanceof ApexList && b instanceof ApexList) {
      ApexList<?> x = (ApexList<?>) a;
      ApexList<?> y = (ApexList<?>) b;
      if (x.size().intValue() != y.size().intValue()) return false;
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!eq(i.next(), j.next())) return false;
      }
      return true;
    }
    return a.equals(b);
  }

  /** `switch on` when values: exact (case-sensitive) equality, numbers by value. */
  public static boolean switchMatches(Object subject, Object value) {
    if (subject == null || value == null) return subject == value;
    if (isNumber(subject) && isNumber(value)) return compareNumbers(subject, value) == 0;
    return subject.equals(value);
  }

  /** `String + x` and `x + String`. */
  public static String concat(Object a, Object b) {
    return Values.valueOf(a) + Values.valueOf(b);
  }

  static boolean isNumber(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof BigDecimal || value instanceof Double;
  }

  /** Numbers by value: as doubles when either is a Double (which may be infinite), else exactly. */
  static int compareNumbers(Object a, Object b) {
    if (a instanceof Double || b instanceof Double) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    return toBigDecimal(a).compareTo(toBigDecimal(b));
  }

  private static BigDecimal toBigDecimal(Object value) {
    if (value instanceof BigDecimal) return (BigDecimal) value;
    if (value instanceof Double) return BigDecimal.valueOf((Double) value);
    return BigDecimal.valueOf(((Number) value).longValue());
  }
}
