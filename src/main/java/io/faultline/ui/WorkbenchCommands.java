package io.faultline.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Every action of the window in one place, so the menu bar (which shows the shortcuts), the toolbar and the keys call
 * the same code. Keys are handled by {@link #onKeyPressed} as an event filter on the window's root, so they work
 * whichever pane has the focus; a key without Ctrl/Cmd ("guarded": +, -, arrows, Alt+arrows, n) does nothing while a
 * text field has the focus, where it is the field's, and neither does the menu's accelerator for it.
 */
final class WorkbenchCommands {
    /** One action: its menu text, its shortcut (and other keys that do the same), and whether a text field keeps its keys. */
    final class Command {
        private final String id;
        private final String text;
        private final KeyCombination key;
        private final List<KeyCombination> aliases;
        private final boolean guarded;
        private final Runnable action;
        private ObservableBooleanValue disabled;

        private Command(String id, String text, KeyCombination key, List<KeyCombination> aliases, boolean guarded, Runnable action) {
            this.id = id;
            this.text = text;
            this.key = key;
            this.aliases = aliases;
            this.guarded = guarded;
            this.action = action;
        }

        /** Disables the command (its menu items and buttons too) while {@code when} is true. */
        Command disabledWhen(ObservableBooleanValue when) {
            disabled = when;
            return this;
        }

        /** True while the command is disabled. */
        BooleanBinding disabledBinding() {
            return disabled == null ? Bindings.createBooleanBinding(() -> false)
                    : Bindings.createBooleanBinding(disabled::get, disabled);
        }

        /** Runs the action unless the command is disabled. */
        void run() {
            if (disabled == null || !disabled.get()) {
                action.run();
            }
        }

        private boolean matches(KeyEvent e) {
            if (key != null && key.match(e)) {
                return true;
            }
            for (KeyCombination k : aliases) {
                if (k.match(e)) {
                    return true;
                }
            }
            return false;
        }

        /** A menu item showing the shortcut; its id is {@code menu-<id>}. */
        MenuItem menuItem() {
            MenuItem item = new MenuItem(text);
            item.setId("menu-" + id);
            if (key != null) {
                item.setAccelerator(key);
            }
            if (disabled != null) {
                item.disableProperty().bind(disabledBinding());
            }
            item.setOnAction(e -> {
                if (guarded && acceleratorInTextField) {
                    acceleratorInTextField = false;
                    return;
                }
                run();
            });
            return item;
        }

        /**
         * A menu item with a check mark showing {@code selected}, which the command turns on and off: the mark follows
         * the state, however it changed (the key, the item, the button).
         */
        CheckMenuItem checkMenuItem(ObservableBooleanValue selected) {
            CheckMenuItem item = new CheckMenuItem(text);
            item.setId("menu-" + id);
            if (key != null) {
                item.setAccelerator(key);
            }
            item.setSelected(selected.get());
            selected.addListener((obs, was, now) -> item.setSelected(now));
            item.setOnAction(e -> {
                if (guarded && acceleratorInTextField) {
                    acceleratorInTextField = false;
                } else {
                    run();
                }
                item.setSelected(selected.get());
            });
            return item;
        }

        /** A tooltip naming the command and its shortcut. */
        Tooltip tooltip() {
            return new Tooltip(key == null ? text : text + "  (" + key.getDisplayText() + ")");
        }
    }

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final BooleanSupplier inTextField;
    /** Set when a guarded key reached a text field: the menu accelerator that may fire for it next must not run. */
    private boolean acceleratorInTextField;

    WorkbenchCommands(BooleanSupplier inTextField) {
        this.inTextField = inTextField;
    }

    Command add(String id, String text, KeyCombination key, boolean guarded, Runnable action, KeyCombination... aliases) {
        Command c = new Command(id, text, key, List.of(aliases), guarded, action);
        if (commands.putIfAbsent(id, c) != null) {
            throw new IllegalArgumentException("two commands " + id);
        }
        return c;
    }

    Command get(String id) {
        Command c = commands.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no command " + id);
        }
        return c;
    }

    /** The key filter: runs the command a key is the shortcut of, unless it is guarded and a text field has the focus. */
    void onKeyPressed(KeyEvent e) {
        acceleratorInTextField = false;
        for (Command c : commands.values()) {
            if (c.matches(e)) {
                if (c.guarded && inTextField.getAsBoolean()) {
                    acceleratorInTextField = true;
                    return;
                }
                if (c.disabled == null || !c.disabled.get()) {
                    c.run();
                    e.consume();
                }
                return;
            }
        }
    }

    /** Resets the text field mark once its key is released, so a later click on the menu item runs. */
    void onKeyReleased(KeyEvent e) {
        acceleratorInTextField = false;
    }
}
