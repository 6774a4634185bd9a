package io.faultline.ui;

import io.faultline.model.Severity;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/** The colours and fonts of the canvas panes (dark theme); the controls take theirs from workbench-dark.css. */
final class Palette {
    static final Color BACKGROUND = Color.web("#0f1419");
    static final Color PANE = Color.web("#151b23");
    static final Color GUTTER = Color.web("#111820");
    static final Color GRID = Color.web("#232c38");
    static final Color GRID_MAJOR = Color.web("#3a4656");
    static final Color AXIS_TEXT = Color.web("#8b98a8");
    static final Color TEXT = Color.web("#d7dee8");
    static final Color TEXT_DIM = Color.web("#7a8797");
    static final Color CURSOR = Color.web("#f2f5f9");
    static final Color BRUSH_FILL = Color.web("#58a6ff", 0.10);
    static final Color BRUSH_EDGE = Color.web("#58a6ff");
    static final Color OUTSIDE = Color.web("#0b0f14", 0.55);
    static final Color NOTE = Color.web("#e3b341");
    static final Color NOTE_RANGE = Color.web("#e3b341", 0.10);
    static final Color LINK = Color.web("#d2a8ff", 0.9);
    static final Color LINK_TEXT = Color.web("#e2c6ff");
    static final Color LABEL_BACKGROUND = Color.web("#0b0f14", 0.85);
    static final Color SELECTION = Color.web("#ffffff");
    /** Search hits: their ticks on the overview. */
    static final Color HIT = Color.web("#ffe45c");
    static final Color HIT_STRIP = Color.web("#0b0f14");
    /** The events a filter keeps, over the faded histogram of all. */
    static final Color KEPT = Color.web("#a9c4e0");

    static final Color EXIT_OK = Color.web("#3fb950");
    static final Color EXIT_FAIL = Color.web("#f0883e");
    static final Color EXIT_NEVER_RETURNED = Color.web("#d2a8ff");
    static final Color EXIT_UNKNOWN = Color.web("#8b98a8");

    static final Color UTIL = Color.web("#39c5cf");
    static final Color UTIL_FILL = Color.web("#39c5cf", 0.18);
    static final Color AWAIT = Color.web("#f778ba");
    /** Disk detail charts: the first and second series of a small multiple (queue; read and write; PSI some and full). */
    static final Color METRIC_A = Color.web("#a5d6ff");
    static final Color METRIC_B = Color.web("#ffa657");

    /** Healthcheck lane: the configured timeout, the part of a run beyond it, and the expected beats. */
    static final Color TIMEOUT_LINE = Color.web("#ff7b72");
    static final Color TIMEOUT_WHISKER = Color.web("#ff7b72", 0.45);
    static final Color OVER_TIMEOUT = Color.web("#ff7b72");
    static final Color BEAT_ON_TIME = Color.web("#6e7d8f");
    static final Color BEAT_LATE = Color.web("#e3a23a");
    static final Color BEAT_MISSING = Color.web("#ff6b6b");
    static final Color BEAT_EXTRA = Color.web("#79c0ff");

    /** Container lifecycle lane: up periods and the markers per kind of docker event. */
    static final Color UP_PERIOD = Color.web("#2f5a3a");
    static final Color UP_PERIOD_EDGE = Color.web("#3fb950");
    static final Color LIFE_CREATE = Color.web("#8b98a8");
    static final Color LIFE_START = Color.web("#3fb950");
    static final Color LIFE_HEALTH = Color.web("#e3b341");
    static final Color LIFE_KILL = Color.web("#f0883e");
    static final Color LIFE_DIE = Color.web("#f85149");
    static final Color LIFE_OOM = Color.web("#ff4d8d");

    /** SSH lane: failed logins, clients that gave up or hit the limit, sessions opened and refused. */
    static final Color SSH_FAILED = Color.web("#f85149");
    static final Color SSH_REJECTED = Color.web("#f0883e");
    static final Color SSH_ABANDONED = Color.web("#b08800");
    static final Color SSH_LIMIT = Color.web("#ff4d8d");
    static final Color SSH_OPENED = Color.web("#3fb950");
    static final Color SSH_REFUSED = Color.web("#d2a8ff");

    /** Alternate row shading of the row lanes. */
    static final Color ROW_SHADE = Color.web("#ffffff", 0.02);

    static final Font LABEL = Font.font("DejaVu Sans", 12);
    static final Font SMALL = Font.font("DejaVu Sans", 10.5);
    static final Font BOLD = Font.font("DejaVu Sans", javafx.scene.text.FontWeight.BOLD, 12);

    private Palette() {
    }

    static Color severity(Severity s) {
        return SEVERITY_COLOURS[s.ordinal()];
    }

    /** Made once: the overview asks for a colour per bucket and severity on every redraw. */
    private static final Color[] SEVERITY_COLOURS = java.util.Arrays.stream(Severity.values()).map(s -> switch (s) {
        case EMERG, ALERT, CRIT -> Color.web("#ff4d8d");
        case ERR -> Color.web("#f85149");
        case WARNING -> Color.web("#e3a23a");
        case NOTICE -> Color.web("#58a6ff");
        case INFO -> Color.web("#3f6b8c");
        case DEBUG -> Color.web("#3d4b5a");
        case UNKNOWN -> Color.web("#7d8b99");
    }).toArray(Color[]::new);

    /** Colour of a healthcheck run by exit code: 0 ok, -1 never returned (timeout), other failed. */
    static Color exitCode(Integer code) {
        if (code == null) {
            return EXIT_UNKNOWN;
        }
        return switch (code) {
            case 0 -> EXIT_OK;
            case -1 -> EXIT_NEVER_RETURNED;
            default -> EXIT_FAIL;
        };
    }

    static String exitLabel(Integer code) {
        if (code == null) {
            return "unknown";
        }
        return code == -1 ? "-1 (never returned: timed out)" : String.valueOf(code);
    }
}
