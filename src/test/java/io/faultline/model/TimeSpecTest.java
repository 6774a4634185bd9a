package io.faultline.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeSpecTest {
    private static final Instant NOW = Instant.parse("2026-12-03T18:30:00Z");

    @Test
    void isoWithOffsetAndZ() {
        assertThat(TimeSpec.parse("2026-12-03T18:00:00+01:00", NOW)).isEqualTo(Instant.parse("2026-12-03T17:00:00Z"));
        assertThat(TimeSpec.parse("2026-12-03T17:00:00Z", NOW)).isEqualTo(Instant.parse("2026-12-03T17:00:00Z"));
        assertThat(TimeSpec.parse("2026-12-03T09:15:30.5-08:00", NOW)).isEqualTo(Instant.parse("2026-12-03T17:15:30.5Z"));
    }

    @Test
    void epochSecondsWithAndWithoutFraction() {
        assertThat(TimeSpec.parse("1796317200", NOW)).isEqualTo(Instant.ofEpochSecond(1_796_317_200L));
        assertThat(TimeSpec.parse("1796317200.250", NOW)).isEqualTo(Instant.ofEpochSecond(1_796_317_200L, 250_000_000));
        assertThat(TimeSpec.parse("0.000000001", NOW)).isEqualTo(Instant.ofEpochSecond(0, 1));
    }

    @Test
    void relativeToNow() {
        assertThat(TimeSpec.parse("now", NOW)).isEqualTo(NOW);
        assertThat(TimeSpec.parse("-90s", NOW)).isEqualTo(Instant.parse("2026-12-03T18:28:30Z"));
        assertThat(TimeSpec.parse("-30m", NOW)).isEqualTo(Instant.parse("2026-12-03T18:00:00Z"));
        assertThat(TimeSpec.parse("-2h", NOW)).isEqualTo(Instant.parse("2026-12-03T16:30:00Z"));
        assertThat(TimeSpec.parse("-1d", NOW)).isEqualTo(Instant.parse("2026-12-02T18:30:00Z"));
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        for (String bad : new String[] {"", "yesterday", "2026-12-03T18:00:00", "2026-12-03", "30m", "+30m", "-3w",
                "12:00", "1796317200,5", "2026-13-03T18:00:00Z"}) {
            assertThatThrownBy(() -> TimeSpec.parse(bad, NOW))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("accepted forms")
                    .hasMessageContaining("-30m")
                    .hasMessageContaining("+01:00");
        }
        assertThatThrownBy(() -> TimeSpec.parse("2026-12-03T18:00:00", NOW)).hasMessageContaining("'2026-12-03T18:00:00'")
                .hasMessageContaining("offset");
    }
}
