package io.faultline.analysis;

import io.faultline.analysis.HealthCadence.Beat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthCadenceTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theSeedIncidentsRunsEveryThirtySecondsAreOnTimeWithOneMissingBeat() {
        // The runc mount lines of the seed incident journal (15:00:25, 15:00:55, 15:01:56, 15:02:26): a 30 s interval.
        long[] starts = {25 * S, 55 * S, 116 * S, 146 * S};
        List<Beat> beats = HealthCadence.judge(30 * S, starts, starts);
        assertThat(beats).containsExactly(
                new Beat(Beat.Kind.ON_TIME, 55 * S, 55 * S),
                new Beat(Beat.Kind.MISSING, 85 * S, 85 * S),
                new Beat(Beat.Kind.ON_TIME, 115 * S, 116 * S),
                new Beat(Beat.Kind.ON_TIME, 146 * S, 146 * S));
        assertThat(beats.get(2).offsetNanos()).isEqualTo(S);
    }

    @Test
    void aThreeSecondCadenceAgainstAThirtySecondConfigIsAllExtra() {
        long[] starts = {0, 3 * S, 6 * S};
        assertThat(HealthCadence.judge(30 * S, starts, starts)).extracting(Beat::kind)
                .containsExactly(Beat.Kind.EXTRA, Beat.Kind.EXTRA);
    }

    @Test
    void theNextRunIsExpectedOneIntervalAfterThePreviousEnded() {
        // interval 2 s, timeout 1 s: a probe that timed out ends at +1 s, so the next is due at +3 s.
        long[] starts = {0, 3 * S, 5 * S + 100_000_000L, 9 * S};
        long[] ends = {S, 3 * S + 200_000_000L, 5 * S + 300_000_000L, 9 * S + 50_000_000L};
        List<Beat> beats = HealthCadence.judge(2 * S, starts, ends);
        assertThat(beats).containsExactly(
                new Beat(Beat.Kind.ON_TIME, 3 * S, 3 * S),
                new Beat(Beat.Kind.ON_TIME, 5 * S + 200_000_000L, 5 * S + 100_000_000L),
                new Beat(Beat.Kind.MISSING, 7 * S + 300_000_000L, 7 * S + 300_000_000L),
                new Beat(Beat.Kind.ON_TIME, 9 * S + 300_000_000L, 9 * S));
        assertThat(beats.get(3).offsetNanos()).isEqualTo(-300_000_000L);
    }

    @Test
    void aRunTenSecondsAfterItsBeatIsLate() {
        long[] starts = {0, 40 * S, 100 * S};
        assertThat(HealthCadence.judge(30 * S, starts, starts)).containsExactly(
                new Beat(Beat.Kind.LATE, 30 * S, 40 * S),
                new Beat(Beat.Kind.MISSING, 70 * S, 70 * S),
                new Beat(Beat.Kind.ON_TIME, 100 * S, 100 * S));
    }

    @Test
    void toleranceIsATenthOfTheIntervalAndAtLeastASecond() {
        assertThat(HealthCadence.tolerance(30 * S)).isEqualTo(3 * S);
        assertThat(HealthCadence.tolerance(2 * S)).isEqualTo(S);
        assertThat(HealthCadence.judge(0, new long[]{0, S}, new long[]{0, S})).isEmpty();
        assertThat(HealthCadence.judge(30 * S, new long[]{0}, new long[]{0})).isEmpty();
    }

    @Test
    void aRestartBetweenRunsRestartsTheCountAndUncoveredTimeHasNoMissingBeats() {
        // a crash loop: runs at 0 and 3 s (interval 3 s), the container dies and starts again at 20 s, next run at 23 s
        // (it died at 4 s: down until 20 s, so nothing is missing there)
        long[] starts = {0, 3 * S, 23 * S};
        assertThat(HealthCadence.judge(3 * S, starts, starts, new long[]{20 * S}, t -> t < 4 * S || t >= 20 * S)).containsExactly(
                new Beat(Beat.Kind.ON_TIME, 3 * S, 3 * S),
                new Beat(Beat.Kind.ON_TIME, 23 * S, 23 * S));
        // with no die known, the beats before the restart are missing
        assertThat(HealthCadence.judge(3 * S, starts, starts, new long[]{20 * S}, t -> true)).extracting(Beat::kind).containsExactly(
                Beat.Kind.ON_TIME, Beat.Kind.MISSING, Beat.Kind.MISSING, Beat.Kind.MISSING, Beat.Kind.MISSING, Beat.Kind.MISSING,
                Beat.Kind.ON_TIME);
        // the seed incident: journal runs up to 15:26:01, inspect's Health.Log days later; the journal ends at 15:29:59
        long journalEnd = 1799 * S;
        long[] seed = {1531 * S, 1561 * S, 1561 * S + 12 * 86_400 * S};
        long startedAt = 1561 * S + 12 * 86_400 * S - 600 * S;
        List<Beat> beats = HealthCadence.judge(30 * S, seed, seed, new long[]{startedAt}, t -> t <= journalEnd);
        assertThat(beats.subList(0, 2)).containsExactly(
                new Beat(Beat.Kind.ON_TIME, 1561 * S, 1561 * S),
                new Beat(Beat.Kind.MISSING, 1591 * S, 1591 * S));
        assertThat(beats).filteredOn(b -> b.kind() == Beat.Kind.MISSING).hasSize(7)
                .allMatch(b -> b.expectedNanos() <= journalEnd);
        assertThat(beats.getLast().observedNanos()).isEqualTo(seed[2]);
    }
}
