package rt;

/** System.IllegalArgumentException (named apart from java.lang.IllegalArgumentException). */
public class ApexIllegalArgumentException extends ApexException {
  public ApexIllegalArgumentException() {
    super();
  }

  public ApexIllegalArgumentException(String message) {
    super(message);
  }

  public ApexIllegalArgumentException(RuntimeException cause) {
    super(cause);
  }

  public ApexIllegalArgumentException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
