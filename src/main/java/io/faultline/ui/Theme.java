package io.faultline.ui;

import javafx.stage.Window;

import java.util.Locale;
import java.util.Objects;

/** The two looks of the workbench: a stylesheet for the controls and a {@link Palette} for the canvas panes. */
public enum Theme {
    DARK("/assets/css/workbench-dark.css"),
    LIGHT("/assets/css/workbench-light.css");

    private final String stylesheet;

    Theme(String resource) {
        this.stylesheet = Objects.requireNonNull(Theme.class.getResource(resource), resource).toExternalForm();
    }

    /** The URL of the stylesheet of the controls. */
    public String stylesheet() {
        return stylesheet;
    }

    /** {@code dark} or {@code light}, as the command line and the preferences file spell it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme of the window {@code owner} (its scene root carries the stylesheet), else dark. */
    static Theme of(Window owner) {
        if (owner != null && owner.getScene() != null && owner.getScene().getRoot() != null) {
            var sheets = owner.getScene().getRoot().getStylesheets();
            for (Theme t : values()) {
                if (sheets.contains(t.stylesheet)) {
                    return t;
                }
            }
        }
        return DARK;
    }

    /** The theme spelled {@code dark} or {@code light} (any case). */
    public static Theme parse(String key) {
        for (Theme t : values()) {
            if (t.key().equalsIgnoreCase(key.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown theme " + key + " (dark or light)");
    }
}
