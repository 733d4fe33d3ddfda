package rt;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Base of the generated SObject classes (custom objects and custom metadata types): fields are public
 * Java fields named by API name; get/put reach them by name case-insensitively, as Apex's SObject.get/put.
 */
public abstract class SObject {
  private final String typeName;

  protected SObject(String typeName) {
    this.typeName = typeName;
  }

  private Field field(String name) {
    for (Field f : getClass().getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) && f.getName().equalsIgnoreCase(Apex.notNull(name))) return f;
    }
    throw new ApexException("Invalid field " + name + " for " + typeName);
  }

  public Object get(String name) {
    try {
      return field(name).get(this);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  public Object put(String name, Object value) {
    try {
      Field f = field(name);
      Object previous = f.get(this);
      f.set(this, value);
      return previous;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> values() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : getClass().getFields()) {
      if (Modifier.isStatic(f.getModifiers())) continue;
      try {
        out.put(f.getName(), f.get(this));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** SObjects compare by their field values (Apex Developer Guide, "Expression Operators"). */
  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass() && values().equals(((SObject) other).values());
  }

  @Override
  public int hashCode() {
    return Objects.hash(typeName, values());
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(typeName).append(":{");
    boolean first = true;
    for (Map.Entry<String, Object> entry : values().entrySet()) {
      if (entry.getValue() == null) continue;
      if (!first) out.append(", ");
      out.append(entry.getKey()).append('=').append(Values.valueOf(entry.getValue()));
      first = false;
    }
    return out.append('}').toString();
  }
}
