package rt;

/** System.AuraHandledException: what an @AuraEnabled method throws to its component. */
public class AuraHandledException extends ApexException {
  public AuraHandledException() {
    super();
  }

  public AuraHandledException(String message) {
    super(message);
  }

  public AuraHandledException(RuntimeException cause) {
    super(cause);
  }

  public AuraHandledException(String message, RuntimeException cause) {
    super(message, cause);
  }
}
