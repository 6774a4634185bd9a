package io.faultline.collect;

import java.io.IOException;

/** The SSH connection broke while a command ran; what arrived before is kept. */
public final class ConnectionLostException extends IOException {
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
