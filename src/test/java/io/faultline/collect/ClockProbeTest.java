package io.faultline.collect;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClockProbeTest {
    private static final Instant MID = Instant.parse("2026-12-03T18:00:00Z");

    private static ClockProbe.Sample sample(String output, long rttMs) {
        return ClockProbe.fromOutput(output.getBytes(StandardCharsets.UTF_8), MID, rttMs * 1_000_000L, 0, "");
    }

    @Test
    void offsetIsRemoteMinusMidpointAndUncertaintyHalfTheRoundTrip() {
        long epoch = MID.getEpochSecond();
        ClockProbe.Sample s = sample("epoch=" + (epoch + 2) + ".250000000\noffset=+0000\netc_timezone=Etc/UTC\ntimedatectl=\n"
                + "localtime=/usr/share/zoneinfo/Etc/UTC\n", 40);
        assertThat(s.offsetMs()).isEqualTo(2250);
        assertThat(s.uncertaintyMs()).isEqualTo(20);
        assertThat(s.zone()).isEqualTo("Etc/UTC");

        ClockProbe.Sample behind = sample("epoch=" + (epoch - 1) + ".900000000\noffset=+0000\n", 3);
        assertThat(behind.offsetMs()).isEqualTo(-100);
        assertThat(behind.uncertaintyMs()).isEqualTo(2);
    }

    @Test
    void takesTheIanaZoneThatAgreesWithTheOffset() {
        long e = MID.getEpochSecond();
        assertThat(sample("epoch=" + e + ".0\noffset=+0800\netc_timezone=Asia/Shanghai\n", 1).zone()).isEqualTo("Asia/Shanghai");
        assertThat(sample("epoch=" + e + ".0\noffset=+0100\ntimedatectl=\netc_timezone=\nlocaltime=/usr/share/zoneinfo/Europe/Berlin\n", 1)
                .zone()).isEqualTo("Europe/Berlin");
        assertThat(sample("epoch=" + e + ".0\noffset=+0100\ntimedatectl=Europe/Paris\netc_timezone=Europe/Berlin\n", 1).zone())
                .isEqualTo("Europe/Paris");
        // /etc/timezone out of date with the real offset: the offset wins
        assertThat(sample("epoch=" + e + ".0\noffset=-0330\netc_timezone=Europe/Berlin\n", 1).zone()).isEqualTo("-03:30");
        assertThat(sample("epoch=" + e + ".0\noffset=+0000\netc_timezone=garbage zone\n", 1).zone()).isEqualTo("+00:00");
        assertThat(sample("epoch=" + e + ".0\n", 1).zone()).isNull();
    }

    @Test
    void aDateWithoutNanosecondsAddsASecondOfUncertainty() {
        ClockProbe.Sample s = sample("epoch=" + MID.getEpochSecond() + ".%N\noffset=+0000\n", 10);
        assertThat(s.offsetMs()).isZero();
        assertThat(s.uncertaintyMs()).isEqualTo(1005);
    }

    @Test
    void noRemoteTimeGivesNoSample() {
        assertThat(sample("sh: date: not found\n", 10)).isNull();
        assertThat(sample("", 10)).isNull();
    }
}
