package orders;

/** Thrown by a handler so that the state machine's Retry or Catch can match it by this class's name. */
public class InvalidOrderException extends RuntimeException {

    public InvalidOrderException(String message) {
        super(message);
    }
}
