package io.faultline.timeline;

import io.faultline.model.Event;
import io.faultline.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Facet counts and include/exclude filters on a hand-made set whose counts are known. */
class FacetsTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_759_676_400L * S;

    /** Ten events, given out of time order; the comment is the index each takes in the time-sorted index. */
    static final List<Event> EVENTS = List.of(
            ev(3, "web1", "journal-json", "ssh.service", "sshd", Severity.INFO, "Failed password for root from 203.0.113.10", null),
            ev(0, "web1", "journal-json", "init.scope", "systemd", Severity.INFO,
                    "run-docker-runtime\\x2drunc-moby-4f2a.mount: Deactivated successfully.", null),
            ev(1, "web1", "journal-json", "docker.service", "dockerd", Severity.ERR, "Health check for container 4f2a error: timed out", "4f2a"),
            ev(2, "web2", "journal-json", "ssh.service", "sshd", Severity.NOTICE, "Invalid user admin from 198.51.100.23", null),
            ev(4, "web1", "docker-json", null, null, Severity.UNKNOWN, "GET /api/v1/items/12 HTTP/1.1 200", "4f2a"),
            ev(5, "web2", "journal-json", null, "kernel", Severity.WARNING, "EXT4-fs warning (device vda1): I/O error", null),
            ev(6, "web1", "journal-json", "ssh.service", "sshd", Severity.INFO, "failed password for git from 203.0.113.17", null),
            ev(7, "web1", "journal-json", "docker.service", "dockerd", Severity.INFO, "a.b literal dot", null),
            ev(8, "web2", "docker-json", null, null, Severity.UNKNOWN, "axb no dot", "8be0"),
            ev(9, "web1", "journal-json", "init.scope", "systemd", Severity.ERR, "snapd.service: Watchdog timeout (limit 5min)!", null));

    private final TimelineIndex index = new TimelineIndex(EVENTS);

    private static Event ev(int second, String host, String source, String unit, String ident, Severity sev, String msg,
                            String container) {
        return new Event("e" + second, T0 + second * S, "", host, source, unit, ident, sev, msg, container, false, null, null);
    }

    @Test
    void countsPerFacetOverTheWholeSet() {
        long all0 = T0;
        long all1 = T0 + 10 * S;
        assertThat(index.facetCounts(Facet.HOST, all0, all1)).containsExactly(new FacetCount("web1", 7), new FacetCount("web2", 3));
        assertThat(index.facetCounts(Facet.UNIT, all0, all1)).containsExactly(new FacetCount(null, 3),
                new FacetCount("ssh.service", 3), new FacetCount("init.scope", 2), new FacetCount("docker.service", 2));
        assertThat(index.facetCounts(Facet.IDENTIFIER, all0, all1)).containsExactly(new FacetCount("sshd", 3),
                new FacetCount(null, 2), new FacetCount("systemd", 2), new FacetCount("dockerd", 2), new FacetCount("kernel", 1));
        assertThat(index.facetCounts(Facet.CONTAINER, all0, all1)).containsExactly(new FacetCount(null, 7),
                new FacetCount("4f2a", 2), new FacetCount("8be0", 1));
        assertThat(index.facetCounts(Facet.SEVERITY, all0, all1)).containsExactly(new FacetCount("INFO", 4),
                new FacetCount("ERR", 2), new FacetCount("UNKNOWN", 2), new FacetCount("NOTICE", 1), new FacetCount("WARNING", 1));
        assertThat(index.facetCounts(Facet.SOURCE, all0, all1)).containsExactly(new FacetCount("journal-json", 8),
                new FacetCount("docker-json", 2));
    }

    @Test
    void countsForATimeRangeAndForASelection() {
        assertThat(index.facetCounts(Facet.HOST, T0 + 2 * S, T0 + 6 * S)).containsExactly(new FacetCount("web1", 2),
                new FacetCount("web2", 2));
        Selection errors = index.select(Filter.all().including(Facet.SEVERITY, "ERR"));
        assertThat(index.facetCounts(Facet.UNIT, errors)).containsExactly(new FacetCount("init.scope", 1),
                new FacetCount("docker.service", 1));
        assertThat(index.facetCounts(Facet.HOST, T0 + 20 * S, T0 + 30 * S)).isEmpty();
    }

    @Test
    void idsAreInternedOncePerValue() {
        FacetColumns f = index.facets();
        assertThat(f.cardinality(Facet.HOST)).isEqualTo(3);
        assertThat(f.value(Facet.HOST, 0)).isNull();
        assertThat(f.idOf(Facet.UNIT, "ssh.service")).isEqualTo(f.id(Facet.UNIT, 2)).isEqualTo(f.id(Facet.UNIT, 6));
        assertThat(f.idOf(Facet.UNIT, "nope.service")).isEqualTo(-1);
        assertThat(f.value(Facet.UNIT, f.id(Facet.UNIT, 3))).isEqualTo("ssh.service");
        assertThat(f.id(Facet.UNIT, 4)).isZero();
    }

    @Test
    void includeKeepsTheListedValuesAndExcludeDropsThem() {
        assertThat(index.select(Filter.all().including(Facet.UNIT, "ssh.service")).indices()).containsExactly(2, 3, 6);
        assertThat(index.select(Filter.all().including(Facet.UNIT, "ssh.service", "docker.service")).indices())
                .containsExactly(1, 2, 3, 6, 7);
        assertThat(index.select(Filter.all().including(Facet.UNIT, (String) null)).indices()).containsExactly(4, 5, 8);
        assertThat(index.select(Filter.all().excluding(Facet.SEVERITY, "INFO", "UNKNOWN")).indices()).containsExactly(1, 2, 5, 9);
        assertThat(index.select(Filter.all().including(Facet.HOST, "web1").excluding(Facet.IDENTIFIER, "sshd")).indices())
                .containsExactly(0, 1, 4, 7, 9);
        assertThat(index.select(Filter.all().including(Facet.HOST, "web1").excluding(Facet.HOST, "web1")).size()).isZero();
        assertThat(index.select(Filter.all().including(Facet.HOST, "db9")).size()).isZero();
        assertThat(index.select(Filter.all().excluding(Facet.HOST, "db9")).size()).isEqualTo(10);
        assertThat(index.select(Filter.all().between(T0 + 3 * S, T0 + 7 * S).including(Facet.SOURCE, "journal-json")).indices())
                .containsExactly(3, 5, 6);
        assertThat(index.select(Filter.all().between(T0 + 7 * S, T0 + 3 * S)).size()).isZero();
    }
}
