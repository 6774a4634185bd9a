package io.faultline.collect;

import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;

import java.util.Arrays;

/**
 * What JSch asks during a login, put to a {@link Prompter}: a key's passphrase (only once the server has accepted
 * that public key, as OpenSSH does), a password, keyboard-interactive questions. Each answer is handed to JSch once
 * and forgotten here; nothing is written anywhere.
 */
final class LoginPrompts implements UserInfo, UIKeyboardInteractive {
    private final Prompter prompter;
    private final SshTarget target;
    private String pending;
    private int passphrasesAsked;
    private int passwordsAsked;
    private int questionsAsked;

    LoginPrompts(Prompter prompter, SshTarget target) {
        this.prompter = prompter;
        this.target = target;
    }

    @Override
    public synchronized boolean promptPassphrase(String message) {
        passphrasesAsked++;
        return take(prompter.secret("Enter passphrase for key '" + keyName(message) + "': ", false));
    }

    @Override
    public synchronized String getPassphrase() {
        return give();
    }

    @Override
    public synchronized boolean promptPassword(String message) {
        passwordsAsked++;
        return take(prompter.secret(target.user() + "@" + target.host() + "'s password: ", false));
    }

    @Override
    public synchronized String getPassword() {
        return give();
    }

    @Override
    public boolean promptYesNo(String message) {
        // host keys are decided by CheckingHostKeys; JSch asks nothing else that we would say yes to
        return false;
    }

    @Override
    public void showMessage(String message) {
        prompter.tell(message);
    }

    @Override
    public synchronized String[] promptKeyboardInteractive(String destination, String name, String instruction,
                                                           String[] prompts, boolean[] echo) {
        if (name != null && !name.isBlank()) {
            prompter.tell(name);
        }
        if (instruction != null && !instruction.isBlank()) {
            prompter.tell(instruction);
        }
        String[] answers = new String[prompts.length];
        for (int i = 0; i < prompts.length; i++) {
            questionsAsked++;
            char[] a = prompter.secret("(" + target.user() + "@" + target.host() + ") " + prompts[i], echo[i]);
            if (a == null) {
                return null;
            }
            answers[i] = new String(a);
            Arrays.fill(a, '\0');
        }
        return answers;
    }

    synchronized int passphrasesAsked() {
        return passphrasesAsked;
    }

    synchronized int passwordsAsked() {
        return passwordsAsked;
    }

    synchronized int questionsAsked() {
        return questionsAsked;
    }

    private boolean take(char[] secret) {
        if (secret == null) {
            pending = null;
            return false;
        }
        pending = new String(secret);
        Arrays.fill(secret, '\0');
        return true;
    }

    private String give() {
        String s = pending;
        pending = null;
        return s;
    }

    /** JSch says {@code Passphrase for /path/key}; OpenSSH shows the path. */
    private static String keyName(String message) {
        String prefix = "Passphrase for ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }
}
