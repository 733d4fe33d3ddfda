package rt;

/** System.Type, as `SomeType.class` gives it. */
public final class ApexType {
  final Class<?> javaClass;
  final String name;

  private ApexType(Class<?> javaClass, String name) {
    this.javaClass = javaClass;
    this.name = name;
  }

  public static ApexType of(Class<?> javaClass, String name) {
    return new ApexType(javaClass, name);
  }

  public String getName() {
    return name;
  }
}
