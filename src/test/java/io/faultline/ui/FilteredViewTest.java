package io.faultline.ui;

import io.faultline.model.AnnotationLayer;
import io.faultline.model.Event;
import io.faultline.model.Severity;
import io.faultline.model.SourceRef;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.CancelFlag;
import io.faultline.timeline.Facet;
import io.faultline.timeline.FacetCount;
import io.faultline.timeline.Filter;
import io.faultline.timeline.Query;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;
import io.faultline.timeline.TimelineSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the window's filter keeps, the log table's rows, the sidebar's counts and the edits of the filter, checked
 * against plain loops over a generated timeline of 60,000 events (no JavaFX toolkit needed).
 */
class FilteredViewTest {
    private static final long S = 1_000_000_000L;
    private static final String[] HOSTS = {"db1", "web1", "web2"};
    private static final String[] IDENTIFIERS = {"sshd", "kernel", "dockerd", "CRON", "systemd"};
    private static final TimelineIndex INDEX = index(60_000);
    private static final TimelineSearch SEARCH = new TimelineSearch(2);

    @AfterAll
    static void stop() {
        SEARCH.close();
    }

    private static TimelineIndex index(int n) {
        Random r = new Random(7);
        List<Event> events = new ArrayList<>(n);
        long t = 1_700_000_000L * S;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(3) * 1_000_000L;
            String id = IDENTIFIERS[r.nextInt(IDENTIFIERS.length)];
            String unit = r.nextInt(4) == 0 ? null : id + ".service";
            Severity sev = Severity.values()[r.nextInt(7)];
            String message = switch (r.nextInt(4)) {
                case 0 -> "Failed password for root from 10.0." + r.nextInt(4) + ".1 port " + (30000 + r.nextInt(9999));
                case 1 -> "error: no more sessions";
                case 2 -> "Deactivated successfully.";
                default -> "ERROR while reading block " + r.nextInt(100);
            };
            events.add(new Event("e" + i, t, "", HOSTS[r.nextInt(HOSTS.length)], "journal-json", unit, id, sev, message,
                    null, false, Map.of(), new SourceRef("journal.json", i, i)));
        }
        return new TimelineIndex(events);
    }

    private static List<Integer> where(IntPredicate keep) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < INDEX.size(); i++) {
            if (keep.test(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static List<Integer> list(Selection s) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < s.size(); k++) {
            out.add(s.index(k));
        }
        return out;
    }

    private static boolean web(int i) {
        return INDEX.event(i).host().startsWith("web");
    }

    @Test
    void theViewKeepsWhatTheFacetsAndTheSearchSay() {
        Filter filter = FacetFilters.exclude(FacetFilters.include(FacetFilters.include(Filter.all(), Facet.HOST, "web1"),
                Facet.HOST, "web2"), Facet.IDENTIFIER, "kernel");
        Query q = Query.text("error", false);
        FilteredView marks = ViewFilter.compute(SEARCH, INDEX, filter, q, false, new CancelFlag(), n -> { });
        IntPredicate facets = i -> web(i) && !INDEX.event(i).identifier().equals("kernel");
        IntPredicate hit = i -> facets.test(i) && INDEX.message(i).toLowerCase(java.util.Locale.ROOT).contains("error");
        assertThat(list(marks.kept())).isEqualTo(where(facets));
        assertThat(list(marks.hits())).isEqualTo(where(hit)).hasSizeGreaterThan(10_000);
        assertThat(list(marks.countBase(Facet.HOST))).as("host counted without its own inclusion")
                .isEqualTo(where(i -> !INDEX.event(i).identifier().equals("kernel")));
        assertThat(marks.countBase(Facet.SEVERITY)).isSameAs(marks.kept());

        FilteredView only = ViewFilter.compute(SEARCH, INDEX, filter, q, true, new CancelFlag(), n -> { });
        assertThat(only.kept()).isSameAs(only.hits());
        assertThat(list(only.kept())).isEqualTo(where(hit));
        assertThat(list(only.countBase(Facet.HOST))).isEqualTo(where(i -> !INDEX.event(i).identifier().equals("kernel")
                && INDEX.message(i).toLowerCase(java.util.Locale.ROOT).contains("error")));

        FilteredView none = ViewFilter.compute(SEARCH, INDEX, Filter.all(), null, false, new CancelFlag(), n -> { });
        assertThat(none.filtered()).isFalse();
        assertThat(none.hits()).isNull();
    }

    @Test
    void aCancelledComputationStops() {
        CancelFlag flag = new CancelFlag();
        flag.cancel();
        assertThatThrownBy(() -> ViewFilter.compute(SEARCH, INDEX, Filter.all(), Query.regex("e.*r", false), false, flag, n -> { }))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void theRowsAreTheKeptEventsOfTheRangeReadOnDemand() {
        Selection kept = INDEX.select(Filter.all().including(Facet.IDENTIFIER, "sshd"));
        long from = INDEX.time(10_000) + 1;
        long to = INDEX.time(20_000);
        EventRows rows = EventRows.of(INDEX, kept, from, to);
        List<Integer> expected = where(i -> INDEX.time(i) >= from && INDEX.time(i) < to && INDEX.event(i).identifier().equals("sshd"));
        assertThat(rows).hasSize(expected.size());
        for (int row = 0; row < rows.size(); row++) {
            assertThat(rows.eventIndex(row)).isEqualTo(expected.get(row));
            assertThat(rows.rowOf(expected.get(row))).isEqualTo(row);
        }
        assertThat(rows.get(5)).isEqualTo(INDEX.event(expected.get(5)));
        int dropped = where(i -> INDEX.time(i) >= from && !INDEX.event(i).identifier().equals("sshd")).getFirst();
        assertThat(rows.rowOf(dropped)).isEqualTo(-1);
        int outside = where(i -> INDEX.time(i) >= to && INDEX.event(i).identifier().equals("sshd")).getFirst();
        assertThat(rows.rowOf(outside)).isEqualTo(-1);
        for (long t : new long[]{from - 5 * S, from, (from + to) / 2, to + 5 * S}) {
            int row = rows.nearestRow(t);
            long best = Long.MAX_VALUE;
            for (int i : expected) {
                best = Math.min(best, Math.abs(INDEX.time(i) - t));
            }
            assertThat(Math.abs(INDEX.time(rows.eventIndex(row)) - t)).isEqualTo(best);
        }
        EventRows all = EventRows.of(INDEX, null, from, to);
        assertThat(all).hasSize(INDEX.count(from, to));
        assertThat(all.eventIndex(0)).isEqualTo(INDEX.lowerBound(from));
    }

    @Test
    void theSidebarCountsTheKeptEventsOfTheRange() {
        Filter filter = FacetFilters.include(Filter.all(), Facet.IDENTIFIER, "sshd");
        FilteredView view = ViewFilter.compute(SEARCH, INDEX, filter, null, false, new CancelFlag(), n -> { });
        long from = INDEX.time(5_000);
        long to = INDEX.time(45_000);
        Map<Facet, List<FacetCount>> counts = FacetTally.count(INDEX, view, from, to);
        for (Facet f : Facet.values()) {
            Map<String, Integer> expected = new HashMap<>();
            for (int i = INDEX.lowerBound(from); i < INDEX.lowerBound(to); i++) {
                if (f == Facet.IDENTIFIER || INDEX.event(i).identifier().equals("sshd")) {
                    expected.merge(f.of(INDEX.event(i)), 1, Integer::sum);
                }
            }
            Map<String, Integer> shown = new HashMap<>();
            counts.get(f).forEach(c -> shown.put(c.value(), c.count()));
            assertThat(shown).as(f.name()).isEqualTo(expected);
            assertThat(counts.get(f)).isSortedAccordingTo((a, b) -> Integer.compare(b.count(), a.count()));
        }
        assertThat(FacetTally.count(INDEX, FilteredView.EVERYTHING, from, to).get(Facet.HOST))
                .isEqualTo(INDEX.facetCounts(Facet.HOST, from, to));
    }

    @Test
    void aValueIsIncludedExcludedOrNeither() {
        Filter f = FacetFilters.include(Filter.all(), Facet.HOST, "web1");
        f = FacetFilters.include(f, Facet.UNIT, null);
        assertThat(FacetFilters.included(f, Facet.UNIT, null)).isTrue();
        f = FacetFilters.exclude(f, Facet.HOST, "web1");
        assertThat(f.include()).doesNotContainKey(Facet.HOST);
        assertThat(f.exclude().get(Facet.HOST)).containsExactly("web1");
        f = FacetFilters.only(FacetFilters.include(f, Facet.HOST, "web2"), Facet.HOST, "web1");
        assertThat(f.include().get(Facet.HOST)).containsExactly("web1");
        assertThat(f.exclude()).doesNotContainKey(Facet.HOST);
        f = FacetFilters.remove(f, Facet.HOST, "web1");
        assertThat(f.include()).containsOnlyKeys(Facet.UNIT);
        assertThat(FacetFilters.constrains(FacetFilters.clear(f, Facet.UNIT))).isFalse();
        assertThat(FacetFilters.constrains(FacetFilters.clearAll(FacetFilters.exclude(f, Facet.HOST, "db1")))).isFalse();
    }

    @Test
    void onlyTheNewestComputationIsShownAndAnInterruptedOneIsRunAgain() throws Exception {
        Queue<Runnable> fx = new ConcurrentLinkedQueue<>();
        InvestigationState state = new InvestigationState(new TimeWindow(INDEX.firstTime(), INDEX.lastTime()), AnnotationLayer.empty());
        List<String> errors = new LinkedList<>();
        try (ViewFilter viewFilter = new ViewFilter(state, INDEX, fx::add, errors::add)) {
            state.queryProperty().set(Query.text("no more sessions", true));
            Query last = Query.text("Failed password", true);
            state.queryProperty().set(last);
            assertThat(state.filtering()).isTrue();
            drain(fx, state, 2);
            assertThat(state.filtering()).isFalse();
            assertThat(state.view().query()).isSameAs(last);
            assertThat(list(state.view().hits())).isEqualTo(where(i -> INDEX.message(i).contains("Failed password")));

            state.filterProperty().set(FacetFilters.include(Filter.all(), Facet.HOST, "db1"));
            viewFilter.interrupt();
            viewFilter.resume();
            drain(fx, state, 2);
            assertThat(list(state.view().hits())).isEqualTo(where(i -> INDEX.event(i).host().equals("db1")
                    && INDEX.message(i).contains("Failed password")));
            assertThat(errors).isEmpty();
        }
    }

    /** Runs what the background posted, as the JavaFX thread would, until the view is current or {@code seconds} pass. */
    private static void drain(Queue<Runnable> fx, InvestigationState state, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (state.filtering() && System.nanoTime() < end) {
            Runnable r = fx.poll();
            if (r == null) {
                Thread.sleep(5);
            } else {
                r.run();
            }
        }
    }
}
