package rt;

import java.math.BigDecimal;

/**
 * Apex's implicit numeric widening (Apex Developer Guide, "Rules of Conversion"): Integer to Long to Decimal,
 * any number to Double. A Decimal made from another number takes its scale from the number written as a
 * String (Apex Developer Guide, "Primitive Data Types"). null stays null.
 */
public final class Num {
  private Num() {}

  public static Long toLong(Integer value) {
    return value == null ? null : Long.valueOf(value);
  }

  public static BigDecimal toDecimal(Integer value) {
    return value == null ? null : new BigDecimal(String.valueOf(value));
  }

  public static BigDecimal toDecimal(Long value) {
    return value == null ? null : new BigDecimal(String.valueOf(value));
  }

  public static BigDecimal toDecimal(Double value) {
    return value == null ? null : new BigDecimal(String.valueOf(value));
  }

  public static Double toDouble(Integer value) {
    return value == null ? null : Double.valueOf(value);
  }

  public static Double toDouble(Long value) {
    return value == null ? null : Double.valueOf(value);
  }

  public static Double toDouble(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }
}
