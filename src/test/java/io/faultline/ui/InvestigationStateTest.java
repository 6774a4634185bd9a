package io.faultline.ui;

import io.faultline.model.AnnotationLayer;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvestigationStateTest {
    private static final long S = 1_000_000_000L;
    private final InvestigationState state = new InvestigationState(new TimeWindow(1000 * S, 2800 * S), AnnotationLayer.empty());

    @Test
    void zoomKeepsTheAnchorInPlace() {
        state.zoom(0.5, 1450 * S);
        assertThat(state.visibleRange()).isEqualTo(new TimeWindow(1225 * S, 2125 * S));
        state.zoom(0.5, 1225 * S);
        assertThat(state.visibleRange()).isEqualTo(new TimeWindow(1225 * S, 1675 * S));
    }

    @Test
    void rangeStaysInsideTheWindowAndAtLeastTenMicrosecondsWide() {
        state.setVisibleRange(900 * S, 1100 * S);
        assertThat(state.visibleRange()).isEqualTo(new TimeWindow(1000 * S, 1200 * S));
        state.pan(5000 * S);
        assertThat(state.visibleRange()).isEqualTo(new TimeWindow(2600 * S, 2800 * S));
        state.setVisibleRange(1500 * S, 1500 * S);
        assertThat(state.visibleRange().lengthNanos()).isEqualTo(InvestigationState.MIN_RANGE_NANOS);
        state.zoom(100, 1500 * S);
        assertThat(state.visibleRange().lengthNanos()).isEqualTo(100 * InvestigationState.MIN_RANGE_NANOS);
        state.zoom(1e9, 1500 * S);
        assertThat(state.visibleRange()).isEqualTo(state.fullWindow());
    }

    @Test
    void everyChangeOfTheRangeIsOneNotification() {
        int[] changes = {0};
        state.visibleRangeProperty().addListener((o, was, now) -> changes[0]++);
        state.zoom(0.5, 1900 * S);
        state.pan(10 * S);
        state.resetZoom();
        assertThat(changes[0]).isEqualTo(3);
    }

    @Test
    void backAndForwardWalkTheZoomHistoryAndOneGestureIsOneEntry() {
        TimeWindow full = state.visibleRange();
        Object wheel = new Object();
        state.zoom(wheel, 0.8, 1900 * S);
        state.zoom(wheel, 0.8, 1900 * S);
        state.zoom(wheel, 0.8, 1900 * S);
        TimeWindow zoomed = state.visibleRange();
        assertThat(zoomed.lengthNanos()).isEqualTo(Math.round(1800 * S * 0.512));
        state.pan(10 * S);
        TimeWindow panned = state.visibleRange();
        assertThat(state.backDepth()).isEqualTo(2);

        assertThat(state.back()).isTrue();
        assertThat(state.visibleRange()).isEqualTo(zoomed);
        assertThat(state.back()).isTrue();
        assertThat(state.visibleRange()).isEqualTo(full);
        assertThat(state.back()).isFalse();
        assertThat(state.canGoBackProperty().get()).isFalse();
        assertThat(state.canGoForwardProperty().get()).isTrue();
        assertThat(state.forward()).isTrue();
        assertThat(state.forward()).isTrue();
        assertThat(state.visibleRange()).isEqualTo(panned);
        assertThat(state.forward()).isFalse();

        state.back();
        state.setVisibleRange(1100 * S, 1200 * S);
        assertThat(state.canGoForwardProperty().get()).isFalse();
        state.zoom(wheel, 0.5, 1150 * S);
        assertThat(state.backDepth()).isEqualTo(3);
    }

    @Test
    void aChangeToTheSameRangeAddsNoHistory() {
        state.resetZoom();
        state.pan(-10 * S);
        assertThat(state.backDepth()).isZero();
        assertThat(state.canGoBackProperty().get()).isFalse();
    }
}
