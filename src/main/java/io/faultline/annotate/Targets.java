package io.faultline.annotate;

import io.faultline.model.AnnotationTarget;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;

import java.util.List;
import java.util.Locale;

/**
 * Finds what a note is to be put on in the evidence and makes its target, or says plainly why it cannot: an id that
 * names nothing, a time outside the capture. Shared by the command line and the window.
 */
public final class Targets {
    private Targets() {
    }

    /** The event with {@code id} (as {@code faultline events --jsonl} prints it). */
    public static AnnotationTarget.OnEvent event(Evidence ev, String id) {
        Event e = findEvent(ev, id);
        if (e == null) {
            throw new IllegalArgumentException("no event with id '" + id + "' in this bundle (ids are ENTRY:LINE, as"
                    + " `faultline events BUNDLE --jsonl` prints them in \"id\")");
        }
        return new AnnotationTarget.OnEvent(e.id(), e.timeNanos());
    }

    /** The event with {@code id}, or null. */
    public static Event findEvent(Evidence ev, String id) {
        if (ev.events() instanceof EventTable t) {
            int row = t.indexOf(id);
            return row < 0 ? null : t.get(row);
        }
        return ev.events().stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    /** The healthcheck run or container period with {@code id}. */
    public static AnnotationTarget.OnSpan span(Evidence ev, String id) {
        Span s = findSpan(ev, id);
        if (s == null) {
            throw new IllegalArgumentException("no healthcheck run or container period with id '" + id + "' in this bundle");
        }
        return new AnnotationTarget.OnSpan(s.id(), s.kind(), s.startNanos(), s.endNanos());
    }

    /** The span with {@code id}, or null. */
    public static Span findSpan(Evidence ev, String id) {
        return ev.spans().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    /** What a span stands for, in words. */
    public static String describe(SpanKind kind) {
        return kind == SpanKind.CONTAINER_UP ? "container period" : kind == SpanKind.HEALTHCHECK_RUN ? "healthcheck run" : "span";
    }

    /**
     * The sample of series {@code name} nearest to {@code atNanos}, which must lie in the capture. {@code name} is
     * "DEVICE METRIC" or "HOST DEVICE METRIC" (a slash or a space between the parts); a name several hosts share must
     * give the host.
     */
    public static AnnotationTarget.OnSeriesPoint seriesPoint(Evidence ev, String name, long atNanos) {
        requireInside(ev, "the time", atNanos);
        String[] parts = name.trim().split("[\\s/]+");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("series '" + name + "': name it DEVICE METRIC or HOST DEVICE METRIC (e.g. 'vda util')");
        }
        String host = parts.length == 3 ? parts[0] : null;
        String device = parts[parts.length - 2];
        String metric = parts[parts.length - 1];
        List<Series> matches = ev.series().stream().filter(s -> s.device().equals(device) && s.metric().equals(metric)
                && (host == null || s.host().equals(host)) && s.size() > 0).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no series '" + name + "' in this bundle; it has: " + String.join(", ",
                    ev.series().stream().map(s -> s.host() + " " + s.name()).distinct().limit(12).toList()));
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("series '" + name + "' is on several hosts (" + String.join(", ",
                    matches.stream().map(Series::host).toList()) + "): name it HOST DEVICE METRIC");
        }
        Series s = matches.getFirst();
        int best = 0;
        for (int i = 1; i < s.size(); i++) {
            if (Math.abs(s.timeAt(i) - atNanos) < Math.abs(s.timeAt(best) - atNanos)) {
                best = i;
            }
        }
        return new AnnotationTarget.OnSeriesPoint(s.host(), s.device(), s.metric(), s.timeAt(best), s.valueAt(best));
    }

    /**
     * The host of what a note is on: the event's or the span's host, a series point's; null for a time range (no one
     * host's) and for an item the evidence does not hold.
     */
    public static String host(AnnotationTarget t, Evidence ev) {
        return switch (t) {
            case AnnotationTarget.OnEvent e -> {
                Event found = findEvent(ev, e.eventId());
                yield found == null ? null : found.host();
            }
            case AnnotationTarget.OnSpan s -> {
                Span found = findSpan(ev, s.spanId());
                yield found == null ? null : found.host();
            }
            case AnnotationTarget.OnSeriesPoint p -> p.host();
            case AnnotationTarget.OnRange r -> null;
        };
    }

    /** The range from {@code fromNanos} to {@code toNanos} (equal for an instant), inside the capture. */
    public static AnnotationTarget.OnRange range(Evidence ev, long fromNanos, long toNanos) {
        requireInside(ev, "the time", fromNanos);
        requireInside(ev, "the end", toNanos);
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("the end " + EpochNanos.iso(toNanos) + " lies before the start " + EpochNanos.iso(fromNanos));
        }
        return new AnnotationTarget.OnRange(fromNanos, toNanos);
    }

    private static void requireInside(Evidence ev, String what, long nanos) {
        TimeWindow w = ev.window();
        if (w == null || nanos < w.fromNanos() || nanos > w.toNanos()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %s lies outside the capture (%s .. %s)", what,
                    EpochNanos.iso(nanos), w == null ? "none" : EpochNanos.iso(w.fromNanos()), w == null ? "none" : EpochNanos.iso(w.toNanos())));
        }
    }
}
