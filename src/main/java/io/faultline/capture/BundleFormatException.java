package io.faultline.capture;

import java.io.IOException;

/** A file that is not a readable Faultline bundle; the message names the file and what is wrong. */
public class BundleFormatException extends IOException {
    public BundleFormatException(String message) {
        super(message);
    }

    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
