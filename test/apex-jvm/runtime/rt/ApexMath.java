package rt;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Apex's Math methods; null arguments throw NullPointerException (Java unboxing), as in Apex. */
public final class ApexMath {
  private ApexMath() {}

  public static Integer abs(Integer i) {
    return Math.abs(i);
  }

  public static Long abs(Long l) {
    return Math.abs(l);
  }

  public static BigDecimal abs(BigDecimal d) {
    return Apex.notNull(d).abs();
  }

  public static Double abs(Double d) {
    return Math.abs(d);
  }

  public static BigDecimal ceil(BigDecimal d) {
    return Apex.notNull(d).setScale(0, RoundingMode.CEILING);
  }

  public static Double ceil(Double d) {
    return Math.ceil(d);
  }

  public static BigDecimal floor(BigDecimal d) {
    return Apex.notNull(d).setScale(0, RoundingMode.FLOOR);
  }

  public static Double floor(Double d) {
    return Math.floor(d);
  }

  public static Integer max(Integer a, Integer b) {
    return Math.max(a, b);
  }

  public static Long max(Long a, Long b) {
    return Math.max(a, b);
  }

  public static BigDecimal max(BigDecimal a, BigDecimal b) {
    return Apex.notNull(a).max(Apex.notNull(b));
  }

  public static Double max(Double a, Double b) {
    return Math.max(a, b);
  }

  public static Integer min(Integer a, Integer b) {
    return Math.min(a, b);
  }

  public static Long min(Long a, Long b) {
    return Math.min(a, b);
  }

  public static BigDecimal min(BigDecimal a, BigDecimal b) {
    return Apex.notNull(a).min(Apex.notNull(b));
  }

  public static Double min(Double a, Double b) {
    return Math.min(a, b);
  }

  /** mod: the remainder with the dividend's sign, as Java's %. */
  public static Integer mod(Integer a, Integer b) {
    if (b == 0) throw new MathException("Divide by 0");
    return a % b;
  }

  public static Long mod(Long a, Long b) {
    if (b == 0L) throw new MathException("Divide by 0");
    return a % b;
  }

  public static Double pow(Double a, Double b) {
    return Math.pow(a, b);
  }

  public static Double sqrt(Double d) {
    return Math.sqrt(d);
  }
}
