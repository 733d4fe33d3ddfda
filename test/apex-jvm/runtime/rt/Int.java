package rt;

import java.math.BigDecimal;

/** Apex's Integer methods. */
public final class Int {
  private Int() {}

  public static Boolean equals(Integer i, Object other) {
    return Apex.notNull(i).equals(other);
  }

  public static Integer hashCode(Integer i) {
    return Apex.notNull(i).hashCode();
  }

  public static Integer intValue(Integer i) {
    return Apex.notNull(i);
  }

  /** Integer.valueOf(String): a TypeException for anything but an integer. */
  public static Integer valueOf(String s) {
    try {
      return Integer.valueOf(Apex.notNull(s).trim());
    } catch (NumberFormatException invalid) {
      throw new TypeException("Invalid integer: " + s);
    }
  }

  public static Integer valueOf(Object value) {
    if (value == null) return null;
    if (value instanceof String) return valueOf((String) value);
    if (value instanceof Integer) return (Integer) value;
    if (value instanceof Long || value instanceof Double || value instanceof BigDecimal) {
      return ((Number) value).intValue();
    }
    throw new TypeException("Invalid conversion from runtime type " + Values.typeName(value) + " to Integer");
  }

  public static String format(Integer i) {
    return String.format(java.util.Locale.US, "%,d", Apex.notNull(i));
  }
}
