package io.faultline.ingest;

import io.faultline.model.EpochNanos;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SysstatDatesTest {
    private static EntryContext around(String instant) {
        long t = EpochNanos.of(Instant.parse(instant));
        return new EntryContext("e", "h", ZoneId.of("UTC"), true, 0, new TimeWindow(t - 3_600_000_000_000L, t), null, null, null);
    }

    private static final EntryContext NONE = new EntryContext("e", "h", ZoneId.of("UTC"), true, 0, null, null, null, null);

    @Test
    void unambiguousForms() {
        assertThat(SysstatDates.parse("2026-12-03", NONE)).isEqualTo(new SysstatDates.Day(LocalDate.of(2026, 12, 3), null));
        assertThat(SysstatDates.parse("03.12.2026", NONE).date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(SysstatDates.parse("13/12/2026", NONE).date()).isEqualTo(LocalDate.of(2026, 12, 13));
        assertThat(SysstatDates.parse("12/13/26", NONE).date()).isEqualTo(LocalDate.of(2026, 12, 13));
        assertThat(SysstatDates.parse("05/05/2026", NONE)).isEqualTo(new SysstatDates.Day(LocalDate.of(2026, 5, 5), null));
        assertThat(SysstatDates.parse("31/02/2026", NONE)).isNull();
        assertThat(SysstatDates.parse("yesterday", NONE)).isNull();
    }

    @Test
    void ambiguousSlashDatesFollowTheCapture() {
        SysstatDates.Day december = SysstatDates.parse("03/12/2026", around("2026-12-03T20:00:00Z"));
        assertThat(december.date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(december.guessed()).isFalse();
        assertThat(december.note()).contains("'03/12/2026'", "read as 2026-12-03", "2026-03-12");
        assertThat(SysstatDates.parse("03/12/2026", around("2026-03-12T20:00:00Z")).date()).isEqualTo(LocalDate.of(2026, 3, 12));
        SysstatDates.Day guess = SysstatDates.parse("03/12/2026", NONE);
        assertThat(guess.date()).isEqualTo(LocalDate.of(2026, 3, 12));
        assertThat(guess.guessed()).isTrue();
        assertThat(guess.note()).contains("nothing in the bundle tells which", "the other reading is 2026-12-03");
    }

    @Test
    void numbersWithPointOrComma() {
        assertThat(SysstatDates.number("99,50")).isEqualTo(99.5);
        assertThat(SysstatDates.number("-0.25")).isEqualTo(-0.25);
        assertThat(SysstatDates.number("dev8-0")).isNull();
        assertThat(SysstatDates.number("1.2.3")).isNull();
        assertThat(SysstatDates.number("%util")).isNull();
    }
}
