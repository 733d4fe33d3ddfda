package rt;

/** Apex's Double methods. */
public final class Dbl {
  private Dbl() {}

  public static Boolean equals(Double d, Object other) {
    return Apex.notNull(d).equals(other);
  }

  public static Integer hashCode(Double d) {
    return Apex.notNull(d).hashCode();
  }

  public static Integer intValue(Double d) {
    return Apex.notNull(d).intValue();
  }

  public static Long longValue(Double d) {
    return Apex.notNull(d).longValue();
  }

  /** round(): to the nearest Long, halves up (Math.round), as Apex's Double.round documents. */
  public static Long round(Double d) {
    return Math.round(Apex.notNull(d));
  }

  public static String format(Double d) {
    return String.valueOf(Apex.notNull(d));
  }

  public static Double valueOf(String s) {
    try {
      return Double.valueOf(Apex.notNull(s).trim());
    } catch (NumberFormatException invalid) {
      throw new TypeException("Invalid double: " + s);
    }
  }

  public static Double valueOf(Object value) {
    if (value == null) return null;
    if (value instanceof String) return valueOf((String) value);
    if (value instanceof Number) return ((Number) value).doubleValue();
    throw new TypeException("Invalid conversion from runtime type " + Values.typeName(value) + " to Double");
  }
}
