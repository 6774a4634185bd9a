package io.faultline.app;

import java.nio.file.Path;

/**
 * Where Faultline keeps the user's files: $XDG_DATA_HOME/faultline, else ~/.local/share/faultline; and its settings:
 * $XDG_CONFIG_HOME/faultline, else ~/.config/faultline.
 */
final class DataDirs {
    private DataDirs() {
    }

    static Path data() {
        String override = System.getProperty("faultline.data");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("faultline");
    }

    /** The settings folder; the system property {@code faultline.config} overrides it. */
    static Path config() {
        String override = System.getProperty("faultline.config");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("faultline");
    }

    /** The workbench's remembered theme, layout and recent bundles. */
    static Path workbenchPrefs() {
        return config().resolve("workbench.json");
    }
}
