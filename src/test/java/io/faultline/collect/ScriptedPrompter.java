package io.faultline.collect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The person at the keyboard in a test: answers in order and remembers every prompt shown and message told. */
final class ScriptedPrompter implements Prompter {
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> prompts = new ArrayList<>();
    private final List<String> told = new ArrayList<>();

    ScriptedPrompter(String... answers) {
        this.answers.addAll(List.of(answers));
    }

    @Override
    public boolean canAsk() {
        return true;
    }

    @Override
    public synchronized String ask(String question) {
        prompts.add(question);
        return answers.poll();
    }

    @Override
    public synchronized char[] secret(String prompt, boolean echo) {
        prompts.add(prompt);
        String a = answers.poll();
        return a == null ? null : a.toCharArray();
    }

    @Override
    public synchronized void tell(String message) {
        told.add(message);
    }

    synchronized List<String> prompts() {
        return List.copyOf(prompts);
    }

    synchronized List<String> told() {
        return List.copyOf(told);
    }
}
