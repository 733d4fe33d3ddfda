package rt;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Apex's JSON class for the shapes the translated code uses: deserializeUntyped (objects as
 * Map<String, Object>, arrays as List<Object>, whole numbers as Integer, or Long when too large, others as
 * Decimal: Apex Reference, "JSON Class"), deserialize into Datetime, and serialize of maps, lists and
 * primitives.
 */
public final class Json {
  private Json() {}

  public static Object deserializeUntyped(String text) {
    Parser parser = new Parser(Apex.notNull(text));
    Object value = parser.value();
    parser.skipSpace();
    if (parser.pos != text.length()) throw parser.error("unexpected text after the value");
    return value;
  }

  public static Object deserialize(String text, ApexType type) {
    Object value = deserializeUntyped(text);
    if (type.javaClass == Datetime.class) return value == null ? null : Datetime.parseIso((String) value);
    if (type.javaClass == ApexMap.class || type.javaClass == ApexList.class || type.javaClass == Object.class) {
      return value;
    }
    if (value == null || type.javaClass.isInstance(value)) return value;
    throw new JSONException("JSON.deserialize into " + type.name + " is not supported by the runtime");
  }

  public static String serialize(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  public static String serializePretty(Object value) {
    return serialize(value);
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) out.append("null");
    else if (value instanceof String) quote((String) value, out);
    else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) out.append(value);
    else if (value instanceof BigDecimal) out.append(((BigDecimal) value).toPlainString());
    else if (value instanceof Double) out.append(value);
    else if (value instanceof Datetime) quote(((Datetime) value).formatGmt("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"), out);
    else if (value instanceof ApexList || value instanceof ApexSet) {
      out.append('[');
      boolean first = true;
      for (Object item : (Iterable<?>) value) {
        if (!first) out.append(',');
        write(item, out);
        first = false;
      }
      out.append(']');
    } else if (value instanceof ApexMap) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : ((ApexMap<?, ?>) value).asJavaMap().entrySet()) {
        if (!first) out.append(',');
        quote(Values.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
        first = false;
      }
      out.append('}');
    } else {
      throw new JSONException("JSON.serialize of a " + Values.typeName(value) + " is not supported by the runtime");
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
      }
    }
    out.append('"');
  }

  /** A small recursive-descent JSON parser producing Apex's untyped values. */
  private static final class Parser {
    final String text;
    int pos;

    Parser(String text) {
      this.text = text;
    }

    JSONException error(String what) {
      return new JSONException("Malformed JSON at character " + pos + ": " + what);
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    Object value() {
      skipSpace();
      if (pos >= text.length()) throw error("unexpected end");
      char c = text.charAt(pos);
      if (c == '{') return object();
      if (c == '[') return array();
      if (c == '"') return string();
      if (text.startsWith("true", pos)) { pos += 4; return Boolean.TRUE; }
      if (text.startsWith("false", pos)) { pos += 5; return Boolean.FALSE; }
      if (text.startsWith("null", pos)) { pos += 4; return null; }
      return number();
    }

    ApexMap<String, Object> object() {
      ApexMap<String, Object> map = new ApexMap<>();
      pos++;
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '}') { pos++; return map; }
      for (;;) {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != '"') throw error("expected a field name");
        String key = string();
        skipSpace();
        if (pos >= text.length() || text.charAt(pos++) != ':') throw error("expected ':'");
        map.put(key, value());
        skipSpace();
        if (pos >= text.length()) throw error("unexpected end in an object");
        char c = text.charAt(pos++);
        if (c == '}') return map;
        if (c != ',') throw error("expected ',' or '}'");
      }
    }

    ApexList<Object> array() {
      ApexList<Object> list = new ApexList<>();
      pos++;
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == ']') { pos++; return list; }
      for (;;) {
        list.add(value());
        skipSpace();
        if (pos >= text.length()) throw error("unexpected end in an array");
        char c = text.charAt(pos++);
        if (c == ']') return list;
        if (c != ',') throw error("expected ',' or ']'");
      }
    }

    String string() {
      StringBuilder out = new StringBuilder();
      pos++;
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '"') return out.toString();
        if (c != '\\') { out.append(c); continue; }
        if (pos >= text.length()) break;
        char e = text.charAt(pos++);
        switch (e) {
          case 'n': out.append('\n'); break;
          case 'r': out.append('\r'); break;
          case 't': out.append('\t'); break;
          case 'b': out.append('\b'); break;
          case 'f': out.append('\f'); break;
          case 'u':
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            pos += 4;
            break;
          default: out.append(e);
        }
      }
      throw error("unterminated string");
    }

    Object number() {
      int start = pos;
      while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) pos++;
      String literal = text.substring(start, pos);
      if (literal.isEmpty()) throw error("unexpected character '" + text.charAt(pos) + "'");
      if (literal.matches("-?[0-9]+")) {
        long value = Long.parseLong(literal);
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
      }
      return new BigDecimal(literal);
    }
  }
}
