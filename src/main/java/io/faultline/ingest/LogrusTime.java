package io.faultline.ingest;

import io.faultline.model.EpochNanos;
import io.faultline.model.Event;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logrus stamp inside a message ({@code time="2025-10-05T23:00:25.123456789+08:00" level=info msg=...}, what
 * dockerd and containerd write to the journal), typed as the field {@value #FIELD}: the instant in ISO-8601 UTC with
 * nanoseconds, on the laptop's axis (moved by the host's clock offset like every other host time). The event itself
 * stays at the time its source gave it: the stamp is the writer's own clock, kept beside it for comparison. Only the
 * first unescaped {@code time="..."} counts (a nested {@code time=\"...\"} inside {@code msg} is not it), and only an
 * RFC 3339 time with {@code Z} or an offset; anything else leaves the event untouched.
 */
final class LogrusTime {
    static final String FIELD = "LOGRUS_TIME";
    private static final Pattern STAMP = Pattern.compile("(?:^|\\s)time=\"(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(?:Z|[+-]\\d\\d:\\d\\d))\"");

    private LogrusTime() {
    }

    /** Epoch nanos (host clock) of the message's logrus stamp, or null when it has none. */
    static Long parse(String message) {
        if (message == null || !message.contains("time=\"")) {
            return null;
        }
        Matcher m = STAMP.matcher(message);
        if (!m.find()) {
            return null;
        }
        try {
            return EpochNanos.of(OffsetDateTime.parse(m.group(1)).toInstant());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The event with {@value #FIELD} added when its message carries a logrus stamp; else the event itself. */
    static Event annotate(Event ev, long clockOffsetNanos) {
        if (ev.fields().containsKey(FIELD)) {
            return ev;
        }
        Long remote = parse(ev.message());
        if (remote == null) {
            return ev;
        }
        Map<String, String> fields = new LinkedHashMap<>(ev.fields());
        fields.put(FIELD, EpochNanos.iso(remote - clockOffsetNanos));
        return new Event(ev.id(), ev.timeNanos(), ev.timeText(), ev.host(), ev.source(), ev.unit(), ev.identifier(), ev.severity(),
                ev.message(), ev.containerId(), ev.truncated(), fields, ev.origin());
    }
}
