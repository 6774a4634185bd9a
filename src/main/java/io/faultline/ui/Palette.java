package io.faultline.ui;

import io.faultline.model.Severity;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

import java.util.Arrays;

/**
 * The colours and fonts of the canvas panes of one {@link Theme}; the controls take theirs from the theme's stylesheet
 * (same values). Immutable: a view holds the one it shows in {@link InvestigationState#paletteProperty()}, and every time
 * pane reads it through {@link TimePane#palette()} on each redraw.
 */
final class Palette {
    static final Palette DARK = new Palette(true);
    static final Palette LIGHT = new Palette(false);

    private final Color background;
    private final Color pane;
    private final Color gutter;
    private final Color grid;
    private final Color gridMajor;
    private final Color axisText;
    private final Color text;
    private final Color textDim;
    private final Color cursor;
    private final Color brushFill;
    private final Color brushEdge;
    private final Color outside;
    private final Color note;
    private final Color noteRange;
    private final Color link;
    private final Color linkText;
    private final Color labelBackground;
    private final Color selection;
    private final Color hit;
    private final Color hitStrip;
    private final Color kept;
    private final Color exitOk;
    private final Color exitFail;
    private final Color exitNeverReturned;
    private final Color exitUnknown;
    private final Color util;
    private final Color utilFill;
    private final Color await;
    private final Color metricA;
    private final Color metricB;
    private final Color timeoutLine;
    private final Color timeoutWhisker;
    private final Color overTimeout;
    private final Color beatOnTime;
    private final Color beatLate;
    private final Color beatMissing;
    private final Color beatExtra;
    private final Color upPeriod;
    private final Color upPeriodEdge;
    private final Color lifeCreate;
    private final Color lifeStart;
    private final Color lifeHealth;
    private final Color lifeKill;
    private final Color lifeDie;
    private final Color lifeOom;
    private final Color sshFailed;
    private final Color sshRejected;
    private final Color sshAbandoned;
    private final Color sshLimit;
    private final Color sshOpened;
    private final Color sshRefused;
    private final Color rowShade;
    private final Font label = Font.font("DejaVu Sans", 12);
    private final Font small = Font.font("DejaVu Sans", 11);
    private final Font bold = Font.font("DejaVu Sans", FontWeight.BOLD, 12);
    /** Made once: the overview asks for a colour per bucket and severity on every redraw. */
    private final Color[] severityColours;

    private Palette(boolean dark) {
        background = web(dark, "#0f1419", "#eef1f5");
        pane = web(dark, "#151b23", "#ffffff");
        gutter = web(dark, "#111820", "#f3f5f8");
        grid = web(dark, "#232c38", "#e8ecf0");
        gridMajor = web(dark, "#3a4656", "#c3cbd5");
        axisText = web(dark, "#8b98a8", "#57606a");
        text = web(dark, "#d7dee8", "#1f2328");
        textDim = web(dark, "#7a8797", "#5b6570");
        cursor = web(dark, "#f2f5f9", "#1f2328");
        brushFill = dark ? Color.web("#58a6ff", 0.10) : Color.web("#0969da", 0.08);
        brushEdge = web(dark, "#58a6ff", "#0969da");
        outside = dark ? Color.web("#0b0f14", 0.55) : Color.web("#8c959f", 0.28);
        note = web(dark, "#e3b341", "#9a6700");
        noteRange = dark ? Color.web("#e3b341", 0.10) : Color.web("#d4a72c", 0.14);
        link = dark ? Color.web("#d2a8ff", 0.9) : Color.web("#8250df", 0.9);
        linkText = web(dark, "#e2c6ff", "#6639ba");
        labelBackground = dark ? Color.web("#0b0f14", 0.85) : Color.web("#ffffff", 0.9);
        selection = web(dark, "#ffffff", "#0d1117");
        hit = web(dark, "#ffe45c", "#ffd33d");
        hitStrip = web(dark, "#0b0f14", "#2d333b");
        kept = web(dark, "#a9c4e0", "#0550ae");
        exitOk = web(dark, "#3fb950", "#1a7f37");
        exitFail = web(dark, "#f0883e", "#bc4c00");
        exitNeverReturned = web(dark, "#d2a8ff", "#8250df");
        exitUnknown = web(dark, "#8b98a8", "#6e7781");
        util = web(dark, "#39c5cf", "#0f7b85");
        utilFill = dark ? Color.web("#39c5cf", 0.18) : Color.web("#1b9aa6", 0.16);
        await = web(dark, "#f778ba", "#bf3989");
        metricA = web(dark, "#a5d6ff", "#0969da");
        metricB = web(dark, "#ffa657", "#bc4c00");
        timeoutLine = web(dark, "#ff7b72", "#cf222e");
        timeoutWhisker = dark ? Color.web("#ff7b72", 0.45) : Color.web("#cf222e", 0.40);
        overTimeout = web(dark, "#ff7b72", "#cf222e");
        beatOnTime = web(dark, "#6e7d8f", "#8c959f");
        beatLate = web(dark, "#e3a23a", "#b35900");
        beatMissing = web(dark, "#ff6b6b", "#cf222e");
        beatExtra = web(dark, "#79c0ff", "#0969da");
        upPeriod = web(dark, "#2f5a3a", "#c7ebd0");
        upPeriodEdge = web(dark, "#3fb950", "#1a7f37");
        lifeCreate = web(dark, "#8b98a8", "#6e7781");
        lifeStart = web(dark, "#3fb950", "#1a7f37");
        lifeHealth = web(dark, "#e3b341", "#9a6700");
        lifeKill = web(dark, "#f0883e", "#bc4c00");
        lifeDie = web(dark, "#f85149", "#cf222e");
        lifeOom = web(dark, "#ff4d8d", "#b3125c");
        sshFailed = web(dark, "#f85149", "#cf222e");
        sshRejected = web(dark, "#f0883e", "#bc4c00");
        sshAbandoned = web(dark, "#b08800", "#7d6200");
        sshLimit = web(dark, "#ff4d8d", "#b3125c");
        sshOpened = web(dark, "#3fb950", "#1a7f37");
        sshRefused = web(dark, "#d2a8ff", "#8250df");
        rowShade = dark ? Color.web("#ffffff", 0.02) : Color.web("#000000", 0.03);
        severityColours = Arrays.stream(Severity.values()).map(s -> switch (s) {
            case EMERG, ALERT, CRIT -> web(dark, "#ff4d8d", "#b3125c");
            case ERR -> web(dark, "#f85149", "#cf222e");
            case WARNING -> web(dark, "#e3a23a", "#b35900");
            case NOTICE -> web(dark, "#58a6ff", "#0969da");
            case INFO -> web(dark, "#3f6b8c", "#86a9cc");
            case DEBUG -> web(dark, "#3d4b5a", "#c4ccd6");
            case UNKNOWN -> web(dark, "#7d8b99", "#8c959f");
        }).toArray(Color[]::new);
    }

    private static Color web(boolean dark, String darkColour, String lightColour) {
        return Color.web(dark ? darkColour : lightColour);
    }

    static Palette of(Theme theme) {
        return theme == Theme.DARK ? DARK : LIGHT;
    }

    /** The window behind the panes. */
    Color background() {
        return background;
    }

    /** The plot area of a time pane. */
    Color pane() {
        return pane;
    }

    Color gutter() {
        return gutter;
    }

    Color grid() {
        return grid;
    }

    Color gridMajor() {
        return gridMajor;
    }

    Color axisText() {
        return axisText;
    }

    Color text() {
        return text;
    }

    Color textDim() {
        return textDim;
    }

    Color cursor() {
        return cursor;
    }

    Color brushFill() {
        return brushFill;
    }

    Color brushEdge() {
        return brushEdge;
    }

    /** Over the overview outside the visible range. */
    Color outside() {
        return outside;
    }

    Color note() {
        return note;
    }

    Color noteRange() {
        return noteRange;
    }

    Color link() {
        return link;
    }

    Color linkText() {
        return linkText;
    }

    Color labelBackground() {
        return labelBackground;
    }

    Color selection() {
        return selection;
    }

    /** Search hits: their ticks on the overview. */
    Color hit() {
        return hit;
    }

    /** The strip the hit ticks stand on. */
    Color hitStrip() {
        return hitStrip;
    }

    /** The events a filter keeps, over the faded histogram of all. */
    Color kept() {
        return kept;
    }

    Color exitOk() {
        return exitOk;
    }

    Color exitFail() {
        return exitFail;
    }

    Color exitNeverReturned() {
        return exitNeverReturned;
    }

    Color exitUnknown() {
        return exitUnknown;
    }

    Color util() {
        return util;
    }

    Color utilFill() {
        return utilFill;
    }

    Color await() {
        return await;
    }

    /** Disk detail charts: the first series of a small multiple (queue; read; PSI some). */
    Color metricA() {
        return metricA;
    }

    /** Disk detail charts: the second series (write; PSI full). */
    Color metricB() {
        return metricB;
    }

    /** Healthcheck lane: the configured timeout. */
    Color timeoutLine() {
        return timeoutLine;
    }

    /** Healthcheck lane: the whisker from a run to its timeout line. */
    Color timeoutWhisker() {
        return timeoutWhisker;
    }

    /** Healthcheck lane: the part of a run beyond its timeout. */
    Color overTimeout() {
        return overTimeout;
    }

    /** Expected beats: on time. */
    Color beatOnTime() {
        return beatOnTime;
    }

    /** Expected beats: late. */
    Color beatLate() {
        return beatLate;
    }

    /** Expected beats: missing. */
    Color beatMissing() {
        return beatMissing;
    }

    /** Expected beats: extra (too frequent). */
    Color beatExtra() {
        return beatExtra;
    }

    /** Container lifecycle lane: an up period. */
    Color upPeriod() {
        return upPeriod;
    }

    /** Container lifecycle lane: the edge of an up period. */
    Color upPeriodEdge() {
        return upPeriodEdge;
    }

    /** Lifecycle marker: create, stop, destroy. */
    Color lifeCreate() {
        return lifeCreate;
    }

    /** Lifecycle marker: start, restart. */
    Color lifeStart() {
        return lifeStart;
    }

    /** Lifecycle marker: health_status. */
    Color lifeHealth() {
        return lifeHealth;
    }

    /** Lifecycle marker: kill. */
    Color lifeKill() {
        return lifeKill;
    }

    /** Lifecycle marker: die. */
    Color lifeDie() {
        return lifeDie;
    }

    /** Lifecycle marker: oom. */
    Color lifeOom() {
        return lifeOom;
    }

    /** SSH lane: failed password or key. */
    Color sshFailed() {
        return sshFailed;
    }

    /** SSH lane: invalid or not-allowed user. */
    Color sshRejected() {
        return sshRejected;
    }

    /** SSH lane: closed while authenticating. */
    Color sshAbandoned() {
        return sshAbandoned;
    }

    /** SSH lane: too many attempts. */
    Color sshLimit() {
        return sshLimit;
    }

    /** SSH lane: sessions opened. */
    Color sshOpened() {
        return sshOpened;
    }

    /** SSH lane: sessions refused. */
    Color sshRefused() {
        return sshRefused;
    }

    /** Alternate row shading of the row lanes. */
    Color rowShade() {
        return rowShade;
    }

    Font label() {
        return label;
    }

    Font small() {
        return small;
    }

    Font bold() {
        return bold;
    }

    Color severity(Severity s) {
        return severityColours[s.ordinal()];
    }

    /** Colour of a healthcheck run by exit code: 0 ok, -1 never returned (timeout), other failed. */
    Color exitCode(Integer code) {
        if (code == null) {
            return exitUnknown;
        }
        return switch (code) {
            case 0 -> exitOk;
            case -1 -> exitNeverReturned;
            default -> exitFail;
        };
    }

    static String exitLabel(Integer code) {
        if (code == null) {
            return "unknown";
        }
        return code == -1 ? "-1 (never returned: timed out)" : String.valueOf(code);
    }
}
