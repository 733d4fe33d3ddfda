package rt;

/** Base of Apex's catchable exceptions (System.Exception and custom exceptions): `catch (Exception e)` in Apex is `catch (RuntimeException e)` in the translation. */
public class ApexException extends RuntimeException {
  private String message;

  public ApexException() {
    super();
  }

  public ApexException(String message) {
    super(message);
    this.message = message;
  }

  public ApexException(RuntimeException cause) {
    super(cause);
    this.message = cause == null ? null : cause.toString();
  }

  public ApexException(String message, RuntimeException cause) {
    super(message, cause);
    this.message = message;
  }

  @Override
  public String getMessage() {
    return message;
  }

  /** Exception.setMessage(String). */
  public void setApexMessage(String message) {
    this.message = message;
  }
}
