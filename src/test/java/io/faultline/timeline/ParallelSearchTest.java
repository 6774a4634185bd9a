package io.faultline.timeline;

import io.faultline.model.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 200k generated events: the chunked, parallel scan gives what one thread and a plain loop give, and stops when cancelled. */
class ParallelSearchTest {
    private static final int N = 200_000;
    private static List<Event> events;
    private static TimelineIndex index;
    private static TimelineSearch one;
    private static TimelineSearch four;

    @BeforeAll
    static void build() {
        events = GeneratedEvents.generate(N, 7);
        index = new TimelineIndex(events);
        one = new TimelineSearch(1);
        four = new TimelineSearch(4);
    }

    @AfterAll
    static void close() {
        one.close();
        four.close();
    }

    @Test
    void oneThreadAndFourGiveTheSameHitsAsAPlainLoop() {
        long mid = GeneratedEvents.START + 1_800_000_000_000L;
        List<Filter> filters = List.of(
                Filter.all().matching(Query.regex("user (root|git) from 203\\.0\\.113\\.1\\d+ ", true)),
                Filter.all().matching(Query.text("failed password", false)),
                Filter.all().matching(Query.text("Failed password", true)),
                Filter.all().matching(Query.text("PASSWORD", false)),
                Filter.all().matching(Query.text("Admin from 203.0.113.2", false)),
                Filter.all().matching(Query.text("SS", false)),
                Filter.all().including(Facet.HOST, "web2").excluding(Facet.SEVERITY, "DEBUG", "INFO"),
                Filter.all().between(mid, mid + 600_000_000_000L).including(Facet.CONTAINER, "8be01f3c2d9a")
                        .matching(Query.regex("TIMED", false)));
        for (Filter f : filters) {
            int[] expected = plainLoop(f);
            Selection single = one.run(index, f);
            Selection parallel = four.run(index, f);
            assertThat(expected.length).as(f.toString()).isGreaterThan(100);
            assertThat(single.indices()).as(f.toString()).containsExactly(expected);
            assertThat(parallel.indices()).as(f.toString()).containsExactly(expected);
        }
    }

    /** The oracle: every event checked in order, with java.util.regex on the message and plain comparisons on the fields. */
    private static int[] plainLoop(Filter f) {
        Pattern p = f.query() == null ? null : f.query().kind() == Query.Kind.REGEX
                ? Pattern.compile(f.query().expression(), f.query().caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                : Pattern.compile(Pattern.quote(f.query().expression()), f.query().caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return IntStream.range(0, index.size()).filter(i -> {
            Event e = index.event(i);
            if (e.timeNanos() < f.fromNanos() || e.timeNanos() >= f.toNanos()) {
                return false;
            }
            for (Facet facet : Facet.values()) {
                String v = facet.of(e);
                if (f.include().containsKey(facet) && !f.include().get(facet).contains(v)) {
                    return false;
                }
                if (f.exclude().containsKey(facet) && f.exclude().get(facet).contains(v)) {
                    return false;
                }
            }
            return p == null || p.matcher(e.message()).find();
        }).toArray();
    }

    @Test
    void hitsComeInTimeOrder() {
        Selection s = four.run(index, Filter.all().matching(Query.text("CMD", true)));
        for (int k = 1; k < s.size(); k++) {
            assertThat(index.time(s.index(k))).isGreaterThanOrEqualTo(index.time(s.index(k - 1)));
        }
    }

    @Test
    void aCancelStopsTheScanAtTheNextCheck() {
        for (TimelineSearch search : List.of(one, four)) {
            CancelFlag cancel = new CancelFlag();
            AtomicLong scanned = new AtomicLong();
            assertThatThrownBy(() -> search.run(index, Filter.all().matching(Query.regex("inode \\d+7$", true)), cancel, n -> {
                scanned.addAndGet(n);
                cancel.cancel();
            })).isInstanceOf(CancellationException.class);
            // each thread finishes at most the block it is in when the flag is set
            assertThat(scanned.get()).as("threads " + search.threads())
                    .isBetween((long) Scan.CHECK_EVERY, (long) search.threads() * Scan.CHECK_EVERY);
        }
    }

    @Test
    void aCancelledFlagScansNothing() {
        CancelFlag cancel = new CancelFlag();
        cancel.cancel();
        AtomicLong scanned = new AtomicLong();
        assertThatThrownBy(() -> four.run(index, Filter.all(), cancel, scanned::addAndGet)).isInstanceOf(CancellationException.class);
        assertThat(scanned.get()).isZero();
    }

    @Test
    void aBackgroundJobCompletesWithTheSameHits() throws Exception {
        Filter f = Filter.all().matching(Query.regex("error \\d+ writing", true));
        TimelineSearch.SearchJob job = four.submit(index, f);
        assertThat(job.result().get(30, TimeUnit.SECONDS).indices()).containsExactly(plainLoop(f));
        assertThat(job.scanned()).isEqualTo(N);
        assertThat(job.total()).isEqualTo(N);
    }

    @Test
    void aBackgroundJobCancelledEndsEarlyWithACancellation() {
        // a pattern that backtracks a lot, so the whole scan takes far longer than the cancel
        TimelineSearch.SearchJob job = four.submit(index, Filter.all().matching(Query.regex("(\\w+\\s?)+\\d{9}$", true)));
        job.cancel();
        assertThatThrownBy(() -> job.result().join()).isInstanceOf(CancellationException.class);
        assertThat(job.scanned()).isLessThan(N / 2);
    }
}
