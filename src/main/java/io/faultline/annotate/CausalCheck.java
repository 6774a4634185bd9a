package io.faultline.annotate;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.LinkType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the time order of the causal links: a cause ("causes", "contributes to") should not start after its effect.
 * Every instant is on the laptop's clock (decision 0002), corrected by each host's measured offset; what is left is
 * that measurement's uncertainty. Two items of one host share its offset error, so their order is exact; items of two
 * hosts may be off by the sum of the two uncertainties; a range has no host (it was drawn on the common axis) and adds
 * none; an item whose host is not known (its event is not in the evidence) takes the largest uncertainty of any host.
 * A cause later than its effect by no more than that slack cannot be told apart from simultaneous: it gets a note, not
 * a warning.
 */
public final class CausalCheck {
    /** What the check says of one link. */
    public enum Verdict {
        /** The cause starts at or before its effect. */
        IN_ORDER,
        /** The cause starts after its effect, but by no more than the clocks' uncertainty. */
        WITHIN_CLOCK_UNCERTAINTY,
        /** The cause starts after its effect by more than the clocks' uncertainty. */
        CAUSE_AFTER_EFFECT
    }

    /**
     * @param lateNanos  how much later the cause starts than its effect (negative or zero when in order)
     * @param slackNanos the clocks' uncertainty between the two items
     * @param message    one sentence saying so, naming the link, the two notes and the times (UTC)
     */
    public record Finding(CausalLink link, Verdict verdict, long lateNanos, long slackNanos, String message) {
        public boolean warning() {
            return verdict == Verdict.CAUSE_AFTER_EFFECT;
        }
    }

    private CausalCheck() {
    }

    /** One finding for each "causes" or "contributes to" link whose two notes exist, in the layer's order. */
    public static List<Finding> check(AnnotationLayer layer, Evidence ev) {
        Map<String, Annotation> byId = new HashMap<>();
        layer.annotations().forEach(a -> byId.put(a.id(), a));
        Map<String, Long> uncertaintyMs = new HashMap<>();
        long worstMs = 0;
        for (HostInfo h : ev.hosts()) {
            uncertaintyMs.put(h.name(), Math.max(0, h.offsetUncertaintyMs()));
            worstMs = Math.max(worstMs, h.offsetUncertaintyMs());
        }
        List<Finding> out = new ArrayList<>();
        for (CausalLink l : layer.links()) {
            Annotation cause = byId.get(l.fromId());
            Annotation effect = byId.get(l.toId());
            if (cause == null || effect == null || !causal(l.type())) {
                continue;
            }
            String causeHost = host(cause.target(), ev);
            String effectHost = host(effect.target(), ev);
            boolean oneClock = causeHost != null && !causeHost.isEmpty() && causeHost.equals(effectHost);
            long causeMs = slackOf(causeHost, uncertaintyMs, worstMs);
            long effectMs = slackOf(effectHost, uncertaintyMs, worstMs);
            long slackMs = oneClock ? 0 : causeMs + effectMs;
            String why = oneClock ? "both on " + causeHost + ", one clock, so their order is exact"
                    : "±" + duration(EpochNanos.ofMillis(slackMs)) + ": " + clock(causeHost, causeMs) + ", " + clock(effectHost, effectMs);
            out.add(finding(l, cause, effect, EpochNanos.ofMillis(slackMs), why, oneClock));
        }
        return out;
    }

    /** The finding for the link {@code linkId}, if it is a causal one between two notes. */
    public static Optional<Finding> check(AnnotationLayer layer, Evidence ev, String linkId) {
        return check(layer, ev).stream().filter(f -> f.link().id().equals(linkId)).findFirst();
    }

    static boolean causal(LinkType type) {
        return type == LinkType.CAUSES || type == LinkType.CONTRIBUTES_TO;
    }

    private static String clock(String host, long ms) {
        String name = host == null ? "a host not in the evidence" : host.isEmpty() ? "a range (no host)" : host;
        return name + " ±" + ms + " ms";
    }

    private static Finding finding(CausalLink l, Annotation cause, Annotation effect, long slackNanos, String why,
                                   boolean oneClock) {
        long late = cause.target().startNanos() - effect.target().startNanos();
        String pair = String.format(Locale.ROOT, "%s: the cause %s (%s) starts %s after its effect %s (%s)", l.id(), cause.id(),
                EpochNanos.iso(cause.target().startNanos()), duration(late), effect.id(), EpochNanos.iso(effect.target().startNanos()));
        if (late <= 0) {
            return new Finding(l, Verdict.IN_ORDER, late, slackNanos, String.format(Locale.ROOT, "%s: the cause %s starts %s before its effect %s",
                    l.id(), cause.id(), duration(-late), effect.id()));
        }
        if (late <= slackNanos) {
            return new Finding(l, Verdict.WITHIN_CLOCK_UNCERTAINTY, late, slackNanos,
                    pair + ", within clock uncertainty (" + why + "): their order cannot be told");
        }
        return new Finding(l, Verdict.CAUSE_AFTER_EFFECT, late, slackNanos, pair + (oneClock ? " (" + why + ")" : ", more than the clock uncertainty (" + why + ")") + ": a cause should not come after its effect");
    }

    /** A host's uncertainty; none for no host (the empty name), the worst of all for a host not known (null). */
    private static long slackOf(String host, Map<String, Long> uncertaintyMs, long worstMs) {
        if (host == null) {
            return worstMs;
        }
        return host.isEmpty() ? 0 : uncertaintyMs.getOrDefault(host, worstMs);
    }

    /** The host of the item: the empty name for a range (drawn on the common axis), null when the item is not in the evidence. */
    private static String host(AnnotationTarget t, Evidence ev) {
        return t instanceof AnnotationTarget.OnRange ? "" : Targets.host(t, ev);
    }

    /** "50 ms", "2.000 s", "3 min 5 s": short and exact enough for a warning. */
    static String duration(long nanos) {
        long ms = Math.round(nanos / 1e6);
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %d s", ms / 60_000, ms % 60_000 / 1000);
    }
}
