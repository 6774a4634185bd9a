package io.faultline.ingest;

import io.faultline.model.EpochNanos;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class YearGuessTest {
    private static TimeWindow window(String from, String to) {
        return new TimeWindow(EpochNanos.of(Instant.parse(from)), EpochNanos.of(Instant.parse(to)));
    }

    private static String iso(Long nanos) {
        return nanos == null ? null : EpochNanos.iso(nanos);
    }

    @Test
    void decemberLineInAJanuaryWindowIsThePreviousYear() {
        YearGuess g = new YearGuess(ZoneId.of("UTC"), window("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"), null, null);
        assertThat(iso(g.resolve(12, 31, 23, 59, 58, 0))).isEqualTo("2025-12-31T23:59:58.000000000Z");
        assertThat(iso(g.resolve(1, 1, 0, 0, 1, 0))).isEqualTo("2026-01-01T00:00:01.000000000Z");
    }

    @Test
    void januaryLineInADecemberWindowIsTheNextYear() {
        YearGuess g = new YearGuess(ZoneId.of("UTC"), window("2025-12-31T22:00:00Z", "2025-12-31T23:59:00Z"), null, null);
        assertThat(iso(g.resolve(1, 1, 0, 0, 30, 0))).isEqualTo("2026-01-01T00:00:30.000000000Z");
    }

    @Test
    void hostZoneApplies() {
        YearGuess g = new YearGuess(ZoneId.of("Asia/Shanghai"), window("2025-10-05T00:00:00Z", "2025-10-06T00:00:00Z"), null, null);
        assertThat(iso(g.resolve(10, 5, 23, 0, 0, 5))).isEqualTo("2025-10-05T15:00:00.000000005Z");
    }

    @Test
    void withoutWindowTheLatestYearNotAfterCreation() {
        YearGuess g = new YearGuess(ZoneId.of("UTC"), null, null, Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(iso(g.resolve(2, 28, 10, 0, 0, 0))).isEqualTo("2026-02-28T10:00:00.000000000Z");
        assertThat(iso(g.resolve(12, 24, 10, 0, 0, 0))).isEqualTo("2025-12-24T10:00:00.000000000Z");
        // 29 February exists only in 2024 among 2025..2027.
        assertThat(iso(g.resolve(2, 29, 10, 0, 0, 0))).isNull();
        assertThat(new YearGuess(ZoneId.of("UTC"), null, null, null).resolve(1, 1, 0, 0, 0, 0)).isNull();
    }

    @Test
    void withoutAWindowTheDatedSourcesOfTheBundleGiveTheYear() {
        YearGuess g = new YearGuess(ZoneId.of("UTC"), null, Instant.parse("2025-10-18T15:07:07Z"), Instant.parse("2026-12-03T18:00:00Z"));
        assertThat(g.basis()).isEqualTo(YearGuess.Basis.DATA_CONTEXT);
        assertThat(EpochNanos.iso(g.resolve(10, 5, 15, 0, 25, 0))).isEqualTo("2025-10-05T15:00:25.000000000Z");
        assertThat(EpochNanos.iso(g.resolve(11, 20, 8, 0, 0, 0))).isEqualTo("2025-11-20T08:00:00.000000000Z");
        assertThat(EpochNanos.iso(g.resolve(1, 2, 0, 0, 0, 0))).isEqualTo("2026-01-02T00:00:00.000000000Z");
    }
}
