package io.faultline.ui;

import io.faultline.model.Severity;
import javafx.scene.paint.Color;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Both themes read well: WCAG contrast of text (4.5:1) and of marks that carry meaning (3:1) on what they stand on. */
class PaletteTest {
    @ParameterizedTest
    @EnumSource(Theme.class)
    void textAndMarksStandOutFromTheirBackground(Theme theme) {
        Palette p = Palette.of(theme);
        for (Color bg : new Color[] {p.pane(), p.gutter()}) {
            assertThat(contrast(p.text(), bg)).as("text").isGreaterThanOrEqualTo(7);
            assertThat(contrast(p.textDim(), bg)).as("dim text").isGreaterThanOrEqualTo(4.5);
            assertThat(contrast(p.axisText(), bg)).as("axis labels").isGreaterThanOrEqualTo(4.5);
        }
        Color pane = p.pane();
        for (Severity s : new Severity[] {Severity.CRIT, Severity.ERR, Severity.WARNING, Severity.NOTICE}) {
            assertThat(contrast(p.severity(s), pane)).as(s.name()).isGreaterThanOrEqualTo(3);
        }
        assertThat(contrast(p.severity(Severity.INFO), pane)).as("info: muted, still seen").isGreaterThanOrEqualTo(1.9);
        for (Integer code : new Integer[] {0, 1, -1, null}) {
            assertThat(contrast(p.exitCode(code), pane)).as("exit " + code).isGreaterThanOrEqualTo(3);
        }
        assertThat(contrast(p.note(), pane)).as("note").isGreaterThanOrEqualTo(3);
        assertThat(contrast(p.linkText(), pane)).as("link label").isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(p.hit(), p.hitStrip())).as("hit ticks on their strip").isGreaterThanOrEqualTo(4.5);
        assertThat(contrast(p.kept(), pane)).as("kept events").isGreaterThanOrEqualTo(3);
        assertThat(contrast(p.util(), pane)).as("%util").isGreaterThanOrEqualTo(3);
        assertThat(contrast(p.await(), pane)).as("await").isGreaterThanOrEqualTo(3);
        assertThat(contrast(p.cursor(), pane)).as("cursor").isGreaterThanOrEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void failureColoursDifferFromSuccess(Theme theme) {
        Palette p = Palette.of(theme);
        assertThat(distance(p.exitOk(), p.exitFail())).isGreaterThan(0.3);
        assertThat(distance(p.exitFail(), p.exitNeverReturned())).isGreaterThan(0.3);
        assertThat(distance(p.severity(Severity.ERR), p.severity(Severity.WARNING))).isGreaterThan(0.2);
    }

    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double distance(Color a, Color b) {
        return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2)
                + Math.pow(a.getBlue() - b.getBlue(), 2));
    }
}
