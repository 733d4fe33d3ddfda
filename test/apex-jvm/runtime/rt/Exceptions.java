package rt;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Exception methods on any caught exception (Apex's Exception class). */
public final class Exceptions {
  private Exceptions() {}

  public static RuntimeException getCause(RuntimeException e) {
    Throwable cause = Apex.notNull(e).getCause();
    return cause instanceof RuntimeException ? (RuntimeException) cause : null;
  }

  public static Integer getLineNumber(RuntimeException e) {
    return -1;
  }

  public static String getMessage(RuntimeException e) {
    return Apex.notNull(e).getMessage();
  }

  public static String getStackTraceString(RuntimeException e) {
    StringWriter out = new StringWriter();
    Apex.notNull(e).printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  public static String getTypeName(RuntimeException e) {
    return Values.typeName(Apex.notNull(e));
  }

  public static void initCause(RuntimeException e, RuntimeException cause) {
    Apex.notNull(e).initCause(cause);
  }

  public static void setMessage(RuntimeException e, String message) {
    if (!(Apex.notNull(e) instanceof ApexException)) {
      throw new ApexException("setMessage on a " + Values.typeName(e) + " is not supported by the runtime");
    }
    ((ApexException) e).setApexMessage(message);
  }
}
