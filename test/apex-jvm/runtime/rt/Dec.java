package rt;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Apex's Decimal methods on java.math.BigDecimal (Apex Reference, "Decimal Class"). */
public final class Dec {
  private Dec() {}

  private static BigDecimal self(BigDecimal d) {
    return Apex.notNull(d);
  }

  public static BigDecimal abs(BigDecimal d) {
    return self(d).abs();
  }

  public static Double doubleValue(BigDecimal d) {
    return self(d).doubleValue();
  }

  public static Boolean equals(BigDecimal d, Object other) {
    return self(d).equals(other);
  }

  public static Integer hashCode(BigDecimal d) {
    return self(d).hashCode();
  }

  /** intValue() and longValue() drop the fraction. */
  public static Integer intValue(BigDecimal d) {
    return self(d).intValue();
  }

  public static Long longValue(BigDecimal d) {
    return self(d).longValue();
  }

  public static Integer precision(BigDecimal d) {
    return self(d).precision();
  }

  /** round(): to zero decimal places, half-even. */
  public static Long round(BigDecimal d) {
    return self(d).setScale(0, RoundingMode.HALF_EVEN).longValue();
  }

  public static Integer scale(BigDecimal d) {
    return self(d).scale();
  }

  /** setScale(scale): "using half-even rounding, if necessary" (Apex Reference, "Decimal Class"). */
  public static BigDecimal setScale(BigDecimal d, Integer scale) {
    return self(d).setScale(scale, RoundingMode.HALF_EVEN);
  }

  /** setScale(scale, roundingMode) and divide(divisor, scale, roundingMode): Java's, as the reference describes. */
  public static BigDecimal setScale(BigDecimal d, Integer scale, RoundingMode mode) {
    try {
      return self(d).setScale(scale, Apex.notNull(mode));
    } catch (ArithmeticException unnecessary) {
      throw new MathException(unnecessary.getMessage());
    }
  }

  public static BigDecimal divide(BigDecimal d, BigDecimal divisor, Integer scale, RoundingMode mode) {
    if (Apex.notNull(divisor).signum() == 0) throw new MathException("Divide by 0");
    return self(d).divide(divisor, scale, Apex.notNull(mode));
  }

  public static Long round(BigDecimal d, RoundingMode mode) {
    return self(d).setScale(0, Apex.notNull(mode)).longValue();
  }

  public static BigDecimal stripTrailingZeros(BigDecimal d) {
    return self(d).stripTrailingZeros();
  }

  public static String toPlainString(BigDecimal d) {
    return self(d).toPlainString();
  }

  /** Decimal.valueOf(String): the scale is the number of digits after the point as written. */
  public static BigDecimal valueOf(String s) {
    try {
      return new BigDecimal(Apex.notNull(s).trim());
    } catch (NumberFormatException invalid) {
      throw new TypeException("Invalid decimal: " + s);
    }
  }

  public static BigDecimal valueOf(Double d) {
    return Num.toDecimal(Apex.notNull(d));
  }

  public static BigDecimal valueOf(Long l) {
    return Num.toDecimal(Apex.notNull(l));
  }
}
