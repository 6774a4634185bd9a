package io.faultline.ui;

import io.faultline.model.EpochNanos;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimeTicksTest {
    private static final long S = 1_000_000_000L;

    @Test
    void thirtyMinutesOverAThousandPixelsTickEveryTwoMinutesOnTheMinute() {
        long from = EpochNanos.of(Instant.parse("2025-10-05T15:00:25Z"));
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(from, from + 1800 * S, 1000, 96, ZoneOffset.UTC);
        assertThat(TimeTicks.step(1800 * S, 1000, 96)).isEqualTo(300 * S);
        assertThat(ticks).extracting(TimeTicks.Tick::label)
                .containsExactly("15:05", "15:10", "15:15", "15:20", "15:25", "15:30");
    }

    @Test
    void ticksAlignToTheWallClockOfTheZoneAndShowMillisecondsWhenNeeded() {
        long from = EpochNanos.of(Instant.parse("2025-10-05T07:00:00.120Z"));
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(from, from + 400_000_000L, 800, 96, ZoneId.of("+08:00"));
        assertThat(TimeTicks.step(400_000_000L, 800, 96)).isEqualTo(50_000_000L);
        assertThat(ticks).extracting(TimeTicks.Tick::label).containsExactly(
                "15:00:00.150", "15:00:00.200", "15:00:00.250", "15:00:00.300", "15:00:00.350", "15:00:00.400",
                "15:00:00.450", "15:00:00.500");
    }

    @Test
    void midnightIsAMajorTickLabelledWithTheDate() {
        long from = EpochNanos.of(Instant.parse("2025-10-05T22:00:00Z"));
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(from, from + 4 * 3600 * S, 1200, 96, ZoneOffset.UTC);
        assertThat(ticks).filteredOn(TimeTicks.Tick::major).extracting(TimeTicks.Tick::label).containsExactly("Oct 6");
    }

    @Test
    void durationsAreShortAndExact() {
        assertThat(Durations.compact(30 * S)).isEqualTo("30s");
        assertThat(Durations.compact(3 * S)).isEqualTo("3s");
        assertThat(Durations.compact(2_100_000_000L)).isEqualTo("2.1s");
        assertThat(Durations.compact(90 * S)).isEqualTo("1m30s");
        assertThat(Durations.compact(45_000_000L)).isEqualTo("45ms");
        assertThat(Durations.compact(3600 * S + 600 * S)).isEqualTo("1h10m");
    }
}
