package rt;

/** Apex's Boolean methods. */
public final class Bool {
  private Bool() {}

  public static Boolean equals(Boolean b, Object other) {
    return Apex.notNull(b).equals(other);
  }

  public static Integer hashCode(Boolean b) {
    return Apex.notNull(b).hashCode();
  }

  /** Boolean.valueOf(String): true for "true" in any case, else false. */
  public static Boolean valueOf(String s) {
    return "true".equalsIgnoreCase(s);
  }

  public static Boolean valueOf(Object value) {
    if (value == null || value instanceof Boolean) return (Boolean) value;
    if (value instanceof String) return valueOf((String) value);
    throw new TypeException("Invalid conversion from runtime type " + Values.typeName(value) + " to Boolean");
  }
}
