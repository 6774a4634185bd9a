package io.faultline.timeline;

import io.faultline.model.Event;
import io.faultline.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceDensityTest {
    private static final long S = 1_000_000_000L;

    private static Event e(int second, String source, Severity sev, String unit) {
        return new Event("e" + second + source, second * S, "", "h", source, unit, null, sev, "m", null, false, null, null);
    }

    private final TimelineIndex index = new TimelineIndex(List.of(
            e(0, "journal-short", Severity.INFO, "a"),
            e(1, "journal-short", Severity.ERR, "a"),
            e(2, "docker-events", Severity.INFO, null),
            e(5, "journal-short", Severity.WARNING, "b"),
            e(6, "dmesg", Severity.ERR, null),
            e(9, "docker-events", Severity.WARNING, null),
            e(12, "dmesg", Severity.ERR, null)));

    @Test
    void countsPerSourceBucketAndSeverityInTheRange() {
        SourceDensity d = SourceDensity.of(index, Facet.SOURCE, 0, 10 * S, 2, null);
        assertThat(d.rows()).isEqualTo(4);
        assertThat(d.value(0)).isEqualTo("journal-short");
        assertThat(d.value(1)).isEqualTo("docker-events");
        assertThat(d.value(2)).isEqualTo("dmesg");
        assertThat(d.value(3)).isNull();
        assertThat(d.bucket(0, 0)[Severity.INFO.ordinal()]).isEqualTo(1);
        assertThat(d.bucket(0, 0)[Severity.ERR.ordinal()]).isEqualTo(1);
        assertThat(d.total(0, 1)).isEqualTo(1);
        assertThat(d.bucket(0, 1)[Severity.WARNING.ordinal()]).isEqualTo(1);
        assertThat(d.total(1, 0)).isEqualTo(1);
        assertThat(d.total(1, 1)).isEqualTo(1);
        assertThat(d.total(2, 1)).isEqualTo(1);
        assertThat(d.rowTotal(2)).isEqualTo(1);
        assertThat(d.rowTotal(3)).isZero();
        assertThat(d.max()).isEqualTo(2);
        assertThat(d.buckets()).isEqualTo(2);
    }

    @Test
    void underAFilterOnlyTheKeptEventsCount() {
        Selection kept = index.select(Filter.all().including(Facet.SEVERITY, "ERR"));
        SourceDensity d = SourceDensity.of(index, Facet.SOURCE, 0, 10 * S, 2, kept);
        assertThat(d.rowTotal(0)).isEqualTo(1);
        assertThat(d.bucket(0, 0)[Severity.ERR.ordinal()]).isEqualTo(1);
        assertThat(d.rowTotal(1)).isZero();
        assertThat(d.rowTotal(2)).isEqualTo(1);
        assertThat(d.max()).isEqualTo(1);
    }

    @Test
    void thePreparedCountEqualsAScanOverTheEventsForAnyRangeAndBucketing() {
        java.util.Random random = new java.util.Random(7);
        String[] sources = {"journal-json", "docker-events", "dmesg", "syslog"};
        List<Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            events.add(new Event("r" + i, random.nextLong(1_000 * S), "", "h", sources[random.nextInt(sources.length)], null, null,
                    Severity.values()[random.nextInt(Severity.values().length)], "m", null, false, null, null));
        }
        TimelineIndex idx = new TimelineIndex(events);
        SourceDensity.Prepared prepared = new SourceDensity.Prepared(idx, Facet.SOURCE);
        for (int round = 0; round < 20; round++) {
            long from = random.nextLong(900 * S);
            long to = from + 1 + random.nextLong(200 * S);
            int buckets = 1 + random.nextInt(300);
            SourceDensity d = prepared.count(from, to, buckets, null);
            long[][][] expected = new long[d.rows()][buckets][Severity.values().length];
            double width = (double) (to - from) / buckets;
            for (int i = 0; i < idx.size(); i++) {
                long t = idx.time(i);
                if (t < from || t >= to) {
                    continue;
                }
                int b = 0;
                while (b < buckets - 1 && t >= from + (long) Math.ceil(width * (b + 1))) {
                    b++;
                }
                int row = java.util.Arrays.asList(sources).indexOf(idx.event(i).source());
                int r = 0;
                while (!sources[row].equals(d.value(r))) {
                    r++;
                }
                expected[r][b][idx.event(i).severity().ordinal()]++;
            }
            for (int r = 0; r < d.rows(); r++) {
                for (int b = 0; b < buckets; b++) {
                    assertThat(d.bucket(r, b)).as("row %d bucket %d of %d", r, b, buckets).isEqualTo(expected[r][b]);
                }
            }
        }
    }
}
