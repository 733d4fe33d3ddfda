package rt;

import java.math.BigDecimal;

/** How Apex writes and names values: String.valueOf, string concatenation, type names in messages. */
public final class Values {
  private Values() {}

  /** String.valueOf(Object) and the other side of `String + x`: null is "null". */
  public static String valueOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toString();
    }
    return value.toString();
  }

  public static String typeName(Object value) {
    return typeName(value.getClass());
  }

  /** The Apex name of a runtime class: apex.Outer$Inner is Outer.Inner, BigDecimal is Decimal, ... */
  public static String typeName(Class<?> type) {
    if (type == String.class) return "String";
    if (type == Integer.class) return "Integer";
    if (type == Long.class) return "Long";
    if (type == BigDecimal.class) return "Decimal";
    if (type == Double.class) return "Double";
    if (type == Boolean.class) return "Boolean";
    if (type == ApexList.class) return "List";
    if (type == ApexSet.class) return "Set";
    if (type == ApexMap.class) return "Map";
    if (type == NullPointerException.class) return "System.NullPointerException";
    String name = type.getName();
    if (name.startsWith("rt.")) return "System." + type.getSimpleName().replaceFirst("^Apex", "");
    if (name.startsWith("apex.")) return name.substring(5).replace('$', '.');
    return name;
  }
}
