package io.faultline.ui;

import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.Objects;

/**
 * A key combination that matches like {@code key} but shows in menus and tooltips as users read it ("+", "Esc",
 * "Ctrl++"), whatever name the platform gives the key ("Plus", "Escape", "Ctrl+Shift+=").
 */
final class ShownKey extends KeyCombination {
    private final KeyCodeCombination key;
    private final String text;

    ShownKey(KeyCodeCombination key, String text) {
        super(key.getShift(), key.getControl(), key.getAlt(), key.getMeta(), key.getShortcut());
        this.key = key;
        this.text = text;
    }

    @Override
    public boolean match(KeyEvent event) {
        return key.match(event);
    }

    @Override
    public String getDisplayText() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShownKey k && k.key.equals(key) && k.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, text);
    }

    @Override
    public String toString() {
        return text;
    }
}
