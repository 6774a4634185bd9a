package io.faultline.annotate;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.LinkType;
import io.faultline.model.Severity;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The time-order check of causal links, with the clock uncertainties of the hosts the two ends are on. */
class CausalCheckTest {
    private static final long T0 = EpochNanos.of(Instant.parse("2026-12-03T19:00:00Z"));
    private static final long MS = 1_000_000L;

    /** db1's clock offset was measured to ±100 ms, the laptop-imported file's (web1) exactly; the effect is on web1 at T0 + 10 s. */
    private static Evidence evidence(long causeAfterEffectMs, String causeHost) {
        long effect = T0 + 10_000 * MS;
        List<Event> events = List.of(
                event("web1.log:1", effect, "web1"),
                event("db1.log:7", effect + causeAfterEffectMs * MS, causeHost));
        return new Evidence(new TimeWindow(T0, T0 + 60_000 * MS), List.of(new HostInfo("db1", "UTC", 40, 100),
                new HostInfo("web1", "UTC", 0, 0)), events.stream().sorted(java.util.Comparator.comparingLong(Event::timeNanos)).toList(),
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static Event event(String id, long t, String host) {
        return new Event(id, t, "", host, "test", null, "app", Severity.INFO, "m", null, false, null, null);
    }

    private static AnnotationLayer layer(Evidence ev, LinkType type) {
        Event effect = ev.events().stream().filter(e -> e.id().equals("web1.log:1")).findFirst().orElseThrow();
        Event cause = ev.events().stream().filter(e -> e.id().equals("db1.log:7")).findFirst().orElseThrow();
        return new AnnotationLayer(2, List.of(
                new Annotation("n-1", new AnnotationTarget.OnEvent(cause.id(), cause.timeNanos()), "disk full", List.of(), "a", 0, 0),
                new Annotation("n-2", new AnnotationTarget.OnEvent(effect.id(), effect.timeNanos()), "timeout", List.of(), "a", 0, 0)),
                List.of(new CausalLink("l-1", "n-1", "n-2", type, "")));
    }

    @Test
    void aCauseFiftyMillisecondsLateIsWithinAHundredMillisecondsOfClockUncertainty() {
        Evidence ev = evidence(50, "db1");
        CausalCheck.Finding f = CausalCheck.check(layer(ev, LinkType.CAUSES), ev).getFirst();
        assertThat(f.verdict()).isEqualTo(CausalCheck.Verdict.WITHIN_CLOCK_UNCERTAINTY);
        assertThat(f.warning()).isFalse();
        assertThat(f.lateNanos()).isEqualTo(50 * MS);
        assertThat(f.slackNanos()).isEqualTo(100 * MS);
        assertThat(f.message()).isEqualTo("l-1: the cause n-1 (2026-12-03T19:00:10.050000000Z) starts 50 ms after its effect n-2"
                + " (2026-12-03T19:00:10.000000000Z), within clock uncertainty (±100 ms: db1 ±100 ms, web1 ±0 ms): their order cannot be told");
    }

    @Test
    void aCauseTwoSecondsLateIsAWarning() {
        Evidence ev = evidence(2000, "db1");
        CausalCheck.Finding f = CausalCheck.check(layer(ev, LinkType.CONTRIBUTES_TO), ev).getFirst();
        assertThat(f.verdict()).isEqualTo(CausalCheck.Verdict.CAUSE_AFTER_EFFECT);
        assertThat(f.warning()).isTrue();
        assertThat(f.message()).isEqualTo("l-1: the cause n-1 (2026-12-03T19:00:12.000000000Z) starts 2.000 s after its effect n-2"
                + " (2026-12-03T19:00:10.000000000Z), more than the clock uncertainty (±100 ms: db1 ±100 ms, web1 ±0 ms):"
                + " a cause should not come after its effect");
    }

    @Test
    void onOneHostTheOffsetCancelsSoFiftyMillisecondsLateIsAWarning() {
        Evidence ev = evidence(50, "web1");
        CausalCheck.Finding f = CausalCheck.check(layer(ev, LinkType.CAUSES), ev).getFirst();
        assertThat(f.verdict()).isEqualTo(CausalCheck.Verdict.CAUSE_AFTER_EFFECT);
        assertThat(f.slackNanos()).isZero();
        assertThat(f.message()).endsWith("(both on web1, one clock, so their order is exact): a cause should not come after its effect");
    }

    @Test
    void aCauseBeforeItsEffectIsInOrderAndOnlyCausalLinksAreChecked() {
        Evidence ev = evidence(-3000, "db1");
        assertThat(CausalCheck.check(layer(ev, LinkType.CAUSES), ev)).singleElement()
                .satisfies(f -> assertThat(f.verdict()).isEqualTo(CausalCheck.Verdict.IN_ORDER))
                .satisfies(f -> assertThat(f.message()).isEqualTo("l-1: the cause n-1 starts 3.000 s before its effect n-2"));
        Evidence late = evidence(2000, "db1");
        assertThat(CausalCheck.check(layer(late, LinkType.PRECEDES), late)).isEmpty();
        assertThat(CausalCheck.check(layer(late, LinkType.RULED_OUT), late)).isEmpty();
    }

    @Test
    void anEndNotInTheEvidenceTakesTheLargestUncertainty() {
        Evidence ev = evidence(150, "db1");
        AnnotationLayer l = layer(ev, LinkType.CAUSES);
        Annotation effect = l.annotations().get(1);
        AnnotationLayer elsewhere = new AnnotationLayer(2, List.of(l.annotations().get(0), new Annotation("n-2",
                new AnnotationTarget.OnEvent("gone.log:1", effect.target().startNanos()), "timeout", List.of(), "a", 0, 0)), l.links());
        CausalCheck.Finding f = CausalCheck.check(elsewhere, ev).getFirst();
        assertThat(f.slackNanos()).isEqualTo(200 * MS);
        assertThat(f.verdict()).isEqualTo(CausalCheck.Verdict.WITHIN_CLOCK_UNCERTAINTY);
        assertThat(f.message()).contains("±200 ms: db1 ±100 ms, a host not in the evidence ±100 ms");
    }
}
