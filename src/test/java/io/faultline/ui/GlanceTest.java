package io.faultline.ui;

import io.faultline.analysis.Glance;
import io.faultline.capture.Bundle;
import io.faultline.ingest.Ingestor;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.TimelineIndex;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Glance} over the fixture incident, whose values are known by construction, and over the bundled sample. */
class GlanceTest {
    private static final long S = FixtureEvidence.S;

    @Test
    void theFixtureAtAGlance() {
        Evidence ev = FixtureEvidence.evidence();
        TimelineIndex index = new TimelineIndex(ev.events());
        Glance g = Glance.of(ev, index, new TimeWindow(FixtureEvidence.FROM, FixtureEvidence.TO));

        // sda is at 100 % from minute 18; its samples sit at 5 s past each 10 s
        assertThat(g.diskPeak().device()).isEqualTo("sda");
        assertThat(g.diskPeak().util()).isEqualTo(100.0);
        assertThat(g.diskPeak().timeNanos()).isEqualTo(EpochNanos.of(Instant.parse("2025-10-05T15:18:05Z")));

        // web: a run every 30 s from 25 s (60 runs), db: every 10 s from 3 s (180 runs); web's run at 1285 s never
        // returned (-1) and those at 1315, 1345 and 1375 s exited 1
        assertThat(g.health().runs()).isEqualTo(240);
        assertThat(g.health().failures()).isEqualTo(4);
        assertThat(g.health().firstFailure().exitCode()).isEqualTo(-1);
        assertThat(g.health().firstFailure().startNanos() / S).isEqualTo(FixtureEvidence.TIMEOUT_RUN_START / S);
        assertThat(g.streak().runs()).isEqualTo(4);
        assertThat(g.streak().containerId()).isEqualTo(FixtureEvidence.WEB_ID);
        assertThat(g.streak().first()).isEqualTo(g.health().firstFailure());
        assertThat(g.streak().endNanos() / S).isEqualTo((FixtureEvidence.FROM + 1375 * S) / S + 2);

        // no docker events in the fixture; inspect says the backup container restarted 4 times
        assertThat(g.restarts().count()).isZero();
        assertThat(g.restarts().firstIndex()).isEqualTo(-1);
        assertThat(g.restarts().inspectTotal()).isEqualTo(4);

        // "no more sessions" bursts of 12 at 1320 s and 1365 s both fall in 15:22; 77 error lines in all
        assertThat(g.errors().perMinute()).isEqualTo(24);
        assertThat(g.errors().minuteNanos()).isEqualTo(EpochNanos.of(Instant.parse("2025-10-05T15:22:00Z")));
        assertThat(g.errors().total()).isEqualTo(77);
        Event first = index.event(g.errors().firstIndex());
        assertThat(first.message()).isEqualTo("error: no more sessions");
        assertThat(first.timeNanos()).isEqualTo(FixtureEvidence.FROM + 1320 * S);
        assertThat(errorsPerMinute(ev).values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(24);
    }

    @Test
    void aNarrowerWindowCountsOnlyWhatStartsInIt() {
        Evidence ev = FixtureEvidence.evidence();
        Glance g = Glance.of(ev, new TimelineIndex(ev.events()),
                new TimeWindow(FixtureEvidence.FROM, FixtureEvidence.FROM + 600 * S));
        assertThat(g.health().failures()).isZero();
        assertThat(g.streak()).isNull();
        // the first error line (kex_exchange_identification) comes at 633 s
        assertThat(g.errors().perMinute()).isZero();
        assertThat(g.errors().total()).isZero();
        assertThat(g.errors().firstIndex()).isEqualTo(-1);
        assertThat(g.diskPeak().util()).isLessThan(100);
    }

    /** The sample's crash-looping container: docker events show 8 starts, each after a die (checked with jq on the raw entry). */
    @Test
    void theSampleCountsTheCrashLoopsRestartsFromDockerEvents() throws Exception {
        Evidence ev;
        try (Bundle b = Bundle.open(Path.of("assets", "sample.flcap"))) {
            ev = Ingestor.ingest(b);
        }
        WorkbenchData data = WorkbenchData.prepare(new LoadedCase(null, ev, io.faultline.model.AnnotationLayer.empty()));
        Glance g = data.glance();
        assertThat(g.restarts().count()).isEqualTo(8);
        Event first = data.index().event(g.restarts().firstIndex());
        assertThat(first.message()).startsWith("container start fl-crashloop");
        // its raw timeNano is 1796324968754956108; the manifest's clock offset (-1 ms, remote minus local) moves it to local time
        assertThat(first.timeNanos()).isEqualTo(1796324968754956108L + 1_000_000L);
        assertThat(g.window()).isEqualTo(data.fullWindow());
    }

    private static Map<Long, Integer> errorsPerMinute(Evidence ev) {
        Map<Long, Integer> out = new TreeMap<>();
        for (Event e : ev.events()) {
            if (e.severity().isError()) {
                out.merge(Math.floorDiv(e.timeNanos(), 60 * S), 1, Integer::sum);
            }
        }
        return out;
    }
}
