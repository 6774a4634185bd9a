package io.faultline.app;

import io.faultline.collect.Prompter;

import java.io.Console;

/**
 * Asks on the terminal, as {@code ssh} does: questions echo, passphrases and passwords do not. Without a terminal
 * (output or input redirected, CI) nobody is asked: {@link Prompter#NONE}.
 */
final class ConsolePrompter implements Prompter {
    private final Console console;

    private ConsolePrompter(Console console) {
        this.console = console;
    }

    /** The terminal of this process, or {@link Prompter#NONE} when it has none. */
    static Prompter ofThisProcess() {
        Console c = System.console();
        return c != null && c.isTerminal() ? new ConsolePrompter(c) : Prompter.NONE;
    }

    @Override
    public boolean canAsk() {
        return true;
    }

    @Override
    public String ask(String question) {
        return console.readLine("%s", question);
    }

    @Override
    public char[] secret(String prompt, boolean echo) {
        if (echo) {
            String line = console.readLine("%s", prompt);
            return line == null ? null : line.toCharArray();
        }
        return console.readPassword("%s", prompt);
    }

    @Override
    public void tell(String message) {
        console.printf("%s%n", message);
        console.flush();
    }
}
