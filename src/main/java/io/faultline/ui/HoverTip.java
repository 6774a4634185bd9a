package io.faultline.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

import java.util.function.BiFunction;

/**
 * The tooltip of a lane: asks the lane what is under the pointer ({@code describe(x, y)}, null for nothing) on every
 * move and shows it at once beside the pointer; {@link #pin} shows it for a click until the pointer leaves.
 */
final class HoverTip {
    private final Tooltip tooltip = new Tooltip();
    private final Canvas canvas;
    private final BiFunction<Double, Double, String> describe;
    private final Runnable onChange;
    private String shown;

    HoverTip(Canvas canvas, BiFunction<Double, Double, String> describe, Runnable onChange) {
        this.canvas = canvas;
        this.describe = describe;
        this.onChange = onChange;
        tooltip.setShowDelay(Duration.ZERO);
        tooltip.getStyleClass().add("lane-tooltip");
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> show(describe.apply(e.getX(), e.getY()), e));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> show(null, e));
    }

    Tooltip tooltip() {
        return tooltip;
    }

    /** The text shown now; null when the tooltip is hidden. */
    String text() {
        return shown;
    }

    /** Shows what is under a click, even when the pointer has not moved there. */
    void pin(MouseEvent e) {
        shown = null;
        show(describe.apply(e.getX(), e.getY()), e);
    }

    private void show(String text, MouseEvent e) {
        if (java.util.Objects.equals(text, shown)) {
            return;
        }
        shown = text;
        if (text == null) {
            tooltip.hide();
        } else {
            tooltip.setText(text);
            tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
        }
        onChange.run();
    }
}
