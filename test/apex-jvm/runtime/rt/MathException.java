package rt;

/** System.MathException. */
public class MathException extends ApexException {
  public MathException() {
    super();
  }

  public MathException(String message) {
    super(message);
  }

  public MathException(RuntimeException cause) {
    super(cause);
  }

  public MathException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
