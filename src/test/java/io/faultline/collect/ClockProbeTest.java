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

    @Test
    void bootTimeAndBootIdAreRead() {
        long e = MID.getEpochSecond();
        ClockProbe.Sample s = sample("epoch=" + e + ".0\noffset=+0000\nbtime=1796333698\nboot_id=5CC96703-b657-42e2-ac93-c466441c3860\n", 1);
        assertThat(s.bootTime()).isEqualTo(1796333698L);
        assertThat(s.bootId()).isEqualTo("5cc96703b65742e2ac93c466441c3860");
        ClockProbe.Sample none = sample("epoch=" + e + ".0\noffset=+0000\nboot_id=\n", 1);
        assertThat(none.bootTime()).isNull();
        assertThat(none.bootId()).isNull();
        assertThat(sample("epoch=" + e + ".0\nbtime=soon\nboot_id=not-a-uuid\n", 1)).extracting(ClockProbe.Sample::bootTime,
                ClockProbe.Sample::bootId).containsExactly(null, null);
    }

    /** The probe's command run by this machine's shell reads the btime and boot id the kernel shows. */
    @Test
    void theCommandReadsThisMachinesBoot() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", ClockProbe.COMMAND).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        ClockProbe.Sample s = ClockProbe.fromOutput(out, Instant.now(), 0, 0, "");
        String btime = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).stream()
                .filter(l -> l.startsWith("btime ")).findFirst().orElseThrow().substring(6).strip();
        assertThat(s.bootTime()).isEqualTo(Long.parseLong(btime));
        assertThat(s.bootId()).isEqualTo(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id"))
                .strip().replace("-", ""));
    }
}
