package io.faultline.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSizeTest {
    @Test
    void theOverrideRepeatsTheThemesSizesInsideTheScopesTimesTheFactor() {
        String css = TextSize.css(Theme.DARK, 1.5);
        assertThat(css.lines().findFirst().orElseThrow())
                .isEqualTo(".log-table, .event-detail, .facet-sidebar, .annotation-panel, .lane-stack { -fx-font-size: 18.0px; }");
        assertThat(css).contains(".log-table .table-cell, .event-detail .table-cell, .facet-sidebar .table-cell, "
                        + ".annotation-panel .table-cell, .lane-stack .table-cell { -fx-font-size: 18.0px; }")
                .contains(", .lane-stack .lane-header .label { -fx-font-size: 15.0px; }")
                .contains(".lane-stack .lane-header { -fx-pref-height: 21.0px; }")
                .contains(".facet-sidebar .hyperlink { -fx-font-size: 16.5px; }")
                .doesNotContain(".facet-sidebar .facet-sidebar")
                .doesNotContain("-fx-base");
        assertThat(TextSize.css(Theme.LIGHT, 0.8)).contains("-fx-font-size: 9.6px;");
    }

    @Test
    void theFactorStaysInItsRangeInTenthsAndOneNeedsNoOverride() {
        assertThat(TextSize.clamp(1.04)).isEqualTo(1.0);
        assertThat(TextSize.clamp(1.16)).isEqualTo(1.2);
        assertThat(TextSize.clamp(0.1)).isEqualTo(TextSize.MIN);
        assertThat(TextSize.clamp(9)).isEqualTo(TextSize.MAX);
        assertThat(TextSize.stylesheet(Theme.DARK, 1.0)).isNull();
        assertThat(TextSize.stylesheet(Theme.DARK, 1.3)).startsWith("data:text/css;base64,");
        assertThat(TextSize.percent(1.3)).isEqualTo("130 %");
    }
}
