package io.faultline.ui;

import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.text.Text;

/**
 * The raw line of the detail pane: wrapped to the width where a reader would break it — after a space, a comma, a
 * semicolon, an ampersand or a bar (JSON, key=value and query strings have few spaces) — and never inside a word: a
 * word longer than the pane keeps its line and the pane scrolls sideways. JavaFX's own wrapping breaks only at spaces
 * and cuts words anywhere, so the pane breaks the line itself and copying (Ctrl+C, the menu, {@link #line()}) gives the
 * line as the bundle holds it, without the breaks.
 */
final class RawLineArea extends TextArea {
    /** Room the text does not get: the content's padding and the vertical scroll bar. */
    private static final double CHROME = 34;
    private String line = "";
    private int columns = -1;

    RawLineArea() {
        setEditable(false);
        setWrapText(false);
        widthProperty().addListener(o -> rewrap(false));
        fontProperty().addListener(o -> rewrap(false));
    }

    /** Shows {@code text} (one raw line), wrapped to the pane. */
    void setLine(String text) {
        line = text;
        rewrap(true);
    }

    /** The line shown, as the bundle holds it. */
    String line() {
        return line;
    }

    /** How many characters fit across the pane now (at least 20). */
    int columns() {
        return columns;
    }

    @Override
    public void copy() {
        String selected = getSelectedText();
        if (!selected.isEmpty()) {
            ClipboardContent c = new ClipboardContent();
            c.putString(selected.replace("\n", ""));
            Clipboard.getSystemClipboard().setContent(c);
        }
    }

    private void rewrap(boolean newLine) {
        int fit = fit();
        if (!newLine && fit == columns) {
            return;
        }
        columns = fit;
        setText(WordWrap.wrap(line, fit));
    }

    private int fit() {
        Text probe = new Text("0123456789");
        probe.setFont(getFont());
        double charWidth = probe.getLayoutBounds().getWidth() / 10;
        double room = getWidth() - CHROME;
        return room <= 0 || charWidth <= 0 ? 80 : Math.max(20, (int) Math.floor(room / charWidth));
    }
}
