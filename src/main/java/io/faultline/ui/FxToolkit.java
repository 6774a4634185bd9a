package io.faultline.ui;

import javafx.application.Platform;

/** Starting the JavaFX toolkit once, headless when asked. */
final class FxToolkit {
    /** The virtual screen of headless Monocle: big enough for a 1600x1000 workbench window. */
    static final String HEADLESS_GEOMETRY = "1920x1200-32";

    private FxToolkit() {
    }

    /**
     * Starts the toolkit and runs {@code first} on it; returns false (and runs nothing) when the toolkit
     * was already running, so the caller posts its work with {@link Platform#runLater}.
     */
    static boolean startIfNeeded(Runnable first) {
        try {
            Platform.startup(first);
            return true;
        } catch (IllegalStateException alreadyRunning) {
            return false;
        }
    }

    /** Selects the software-rendered headless Monocle platform unless the caller chose another one. */
    static void preferHeadless() {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("prism.text", "t2k");
        setIfAbsent("java.awt.headless", "true");
        setIfAbsent("headless.geometry", HEADLESS_GEOMETRY);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
