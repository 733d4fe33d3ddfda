package rt;

/** System.StringException. */
public class StringException extends ApexException {
  public StringException() {
    super();
  }

  public StringException(String message) {
    super(message);
  }

  public StringException(RuntimeException cause) {
    super(cause);
  }

  public StringException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
