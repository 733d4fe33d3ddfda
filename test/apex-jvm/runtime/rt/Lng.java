package rt;

import java.math.BigDecimal;

/** Apex's Long methods. */
public final class Lng {
  private Lng() {}

  public static Boolean equals(Long l, Object other) {
    return Apex.notNull(l).equals(other);
  }

  public static Integer hashCode(Long l) {
    return Apex.notNull(l).hashCode();
  }

  public static Integer intValue(Long l) {
    return Apex.notNull(l).intValue();
  }

  public static Long longValue(Long l) {
    return Apex.notNull(l);
  }

  public static String format(Long l) {
    return String.format(java.util.Locale.US, "%,d", Apex.notNull(l));
  }

  public static Long valueOf(String s) {
    try {
      return Long.valueOf(Apex.notNull(s).trim());
    } catch (NumberFormatException invalid) {
      throw new TypeException("Invalid long: " + s);
    }
  }

  public static Long valueOf(Object value) {
    if (value == null) return null;
    if (value instanceof String) return valueOf((String) value);
    if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof BigDecimal) {
      return ((Number) value).longValue();
    }
    throw new TypeException("Invalid conversion from runtime type " + Values.typeName(value) + " to Long");
  }
}
