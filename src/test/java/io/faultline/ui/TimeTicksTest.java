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

    private static List<String> labels(String from, String to, double width, ZoneId zone) {
        return TimeTicks.ticks(nanos(from), nanos(to), width, 96, zone).stream().map(TimeTicks.Tick::label).toList();
    }

    private static long nanos(String iso) {
        return EpochNanos.of(Instant.parse(iso));
    }

    @Test
    void aHundredMicrosecondsTickEveryTenMicroseconds() {
        assertThat(TimeTicks.step(100_000L, 1000, 96)).isEqualTo(10_000L);
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(nanos("2025-10-05T15:00:00.000010Z"), nanos("2025-10-05T15:00:00.000110Z"),
                1000, 96, ZoneOffset.UTC);
        assertThat(ticks).hasSize(11);
        assertThat(ticks).extracting(TimeTicks.Tick::label).startsWith("15:00:00.000010", "15:00:00.000020", "15:00:00.000030")
                .endsWith("15:00:00.000110");
        assertThat(ticks.get(1).nanos() - ticks.get(0).nanos()).isEqualTo(10_000L);
    }

    @Test
    void aMinuteTicksEveryTenSeconds() {
        assertThat(labels("2025-10-05T15:00:03Z", "2025-10-05T15:01:03Z", 1000, ZoneOffset.UTC))
                .containsExactly("15:00:10", "15:00:20", "15:00:30", "15:00:40", "15:00:50", "15:01:00");
    }

    @Test
    void aDayTicksEveryThreeHoursWithMidnightAsTheDate() {
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(nanos("2025-10-05T10:30:00Z"), nanos("2025-10-06T10:30:00Z"), 1000, 96,
                ZoneOffset.UTC);
        assertThat(ticks).extracting(TimeTicks.Tick::label)
                .containsExactly("12:00", "15:00", "18:00", "21:00", "Oct 6", "03:00", "06:00", "09:00");
        assertThat(ticks).filteredOn(TimeTicks.Tick::major).extracting(TimeTicks.Tick::nanos)
                .containsExactly(nanos("2025-10-06T00:00:00Z"));
    }

    @Test
    void tenDaysTickEveryMidnightOfTheZone() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(nanos("2025-10-05T12:00:00Z"), nanos("2025-10-15T12:00:00Z"), 1000, 96, shanghai);
        assertThat(ticks).extracting(TimeTicks.Tick::label)
                .containsExactly("Oct 6", "Oct 7", "Oct 8", "Oct 9", "Oct 10", "Oct 11", "Oct 12", "Oct 13", "Oct 14", "Oct 15");
        assertThat(ticks.getFirst().nanos()).isEqualTo(nanos("2025-10-05T16:00:00Z"));
        assertThat(ticks).allMatch(TimeTicks.Tick::major);
    }

    @Test
    void tenWeeksTickOnMondays() {
        assertThat(labels("2025-10-01T00:00:00Z", "2025-12-10T00:00:00Z", 1000, ZoneOffset.UTC)).containsExactly(
                "Oct 6", "Oct 13", "Oct 20", "Oct 27", "Nov 3", "Nov 10", "Nov 17", "Nov 24", "Dec 1", "Dec 8");
    }

    @Test
    void aYearTicksOnTheFirstOfEveryMonthAndTheNewYearByItself() {
        assertThat(labels("2025-01-15T00:00:00Z", "2026-01-15T00:00:00Z", 1500, ZoneOffset.UTC)).containsExactly(
                "Feb 2025", "Mar 2025", "Apr 2025", "May 2025", "Jun 2025", "Jul 2025", "Aug 2025", "Sep 2025", "Oct 2025",
                "Nov 2025", "Dec 2025", "2026");
    }

    @Test
    void tenYearsTickEveryYear() {
        assertThat(labels("2020-06-01T00:00:00Z", "2030-06-01T00:00:00Z", 1000, ZoneOffset.UTC)).containsExactly(
                "2021", "2022", "2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030");
    }

    @Test
    void hourTicksStayOnRoundHoursAcrossTheEndOfSummerTime() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<TimeTicks.Tick> ticks = TimeTicks.ticks(nanos("2025-10-25T22:00:00Z"), nanos("2025-10-26T06:00:00Z"), 1000, 96, berlin);
        assertThat(ticks).extracting(TimeTicks.Tick::label)
                .containsExactly("Oct 26", "01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00");
        assertThat(ticks).extracting(TimeTicks.Tick::nanos).containsExactly(nanos("2025-10-25T22:00:00Z"), nanos("2025-10-25T23:00:00Z"),
                nanos("2025-10-26T00:00:00Z"), nanos("2025-10-26T02:00:00Z"), nanos("2025-10-26T03:00:00Z"),
                nanos("2025-10-26T04:00:00Z"), nanos("2025-10-26T05:00:00Z"), nanos("2025-10-26T06:00:00Z"));
    }

    @Test
    void quarterHourTicksStayOnTheQuarterAcrossTheStartOfSummerTimeInAHalfHourZone() {
        ZoneId adelaide = ZoneId.of("Australia/Adelaide");
        assertThat(labels("2025-10-04T15:50:00Z", "2025-10-04T17:20:00Z", 600, adelaide))
                .containsExactly("01:30", "01:45", "03:00", "03:15", "03:30", "03:45");
    }
}
