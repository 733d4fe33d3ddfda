package rt;

import java.util.function.Consumer;
import java.util.function.Function;

/** Language helpers the translated code calls: casts, null-safe navigation, SObject construction. */
public final class Apex {
  private Apex() {}

  /**
   * Dereferencing null: Apex throws System.NullPointerException ("Attempt to de-reference a null object")
   * where Java would; static helpers call this because calling them on null would not.
   */
  public static <T> T notNull(T value) {
    if (value == null) {
      throw new NullPointerException("Attempt to de-reference a null object");
    }
    return value;
  }

  /** A downcast checked at run time: Apex throws System.TypeException where Java throws ClassCastException. */
  @SuppressWarnings("unchecked")
  public static <T> T cast(Object value, Class<?> type) {
    if (value != null && !type.isInstance(value)) {
      throw new TypeException("Invalid conversion from runtime type " + Values.typeName(value) + " to "
          + Values.typeName(type));
    }
    return (T) value;
  }

  /** A collection passed where Apex's covariant collections allow it and Java's generics do not. */
  @SuppressWarnings("unchecked")
  public static <T> T unchecked(Object value) {
    return (T) value;
  }

  /** receiver?.rest: null when the receiver is null. */
  public static <T, R> R safe(T receiver, Function<T, R> rest) {
    return receiver == null ? null : rest.apply(receiver);
  }

  /** left ?? right: right is evaluated only when left is null. */
  public static <T> T coalesce(T left, java.util.function.Supplier<T> right) {
    return left != null ? left : right.get();
  }

  /** receiver?.method() as a statement. */
  public static <T> void safeRun(T receiver, Consumer<T> rest) {
    if (receiver != null) {
      rest.accept(receiver);
    }
  }

  /** Object.equals(Object) on any value: Java equality (case-sensitive for Strings, as in Apex). */
  public static Boolean equals(Object self, Object other) {
    return notNull(self).equals(other);
  }

  public static Integer hashCode(Object self) {
    return notNull(self).hashCode();
  }

  public static String toString(Object self) {
    return Values.valueOf(notNull(self));
  }
}
