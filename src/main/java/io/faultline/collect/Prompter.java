package io.faultline.collect;

/**
 * Asks the person at the keyboard: a yes/no question (an unknown host key) or a secret (a key's passphrase, a
 * password, a keyboard-interactive answer). Secrets are used for the login and never kept. I/O code never opens a
 * dialog itself: the CLI passes a terminal prompter, a window passes its own, tests pass scripted answers.
 */
public interface Prompter {
    /** Nobody can be asked (no terminal): unknown host keys are refused, passphrases and passwords cannot be given. */
    Prompter NONE = new Prompter() {
        @Override
        public boolean canAsk() {
            return false;
        }

        @Override
        public String ask(String question) {
            return null;
        }

        @Override
        public char[] secret(String prompt, boolean echo) {
            return null;
        }

        @Override
        public void tell(String message) {
            // nobody to tell: the caller's own message carries what matters
        }
    };

    /** Whether {@link #ask} and {@link #secret} can reach a person. */
    boolean canAsk();

    /** Shows {@code question} and returns the line typed, or null when nobody answered (end of input). */
    String ask(String question);

    /**
     * Shows {@code prompt} and reads a line without echoing it (unless {@code echo}, for a keyboard-interactive
     * question the server marks as not secret); null when nobody answered. The caller wipes the array after use.
     */
    char[] secret(String prompt, boolean echo);

    /** Shows a message from the server or about the login (e.g. a keyboard-interactive instruction). */
    void tell(String message);
}
