package io.faultline.collect;

/** A capture could not be made; the message is written for the engineer and says what to do. */
public class CollectException extends Exception {
    public CollectException(String message) {
        super(message);
    }

    public CollectException(String message, Throwable cause) {
        super(message, cause);
    }
}
