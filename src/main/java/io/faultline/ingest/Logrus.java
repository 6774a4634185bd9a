package io.faultline.ingest;

import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.FieldMap;
import io.faultline.model.Severity;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a logrus line says about itself ({@code time="2025-10-05T23:00:25.123456789+08:00" level=warning msg=...}, what
 * dockerd and containerd write to the journal or syslog):
 * <ul>
 * <li>its stamp, typed as the field {@value #TIME_FIELD}: the instant in ISO-8601 UTC with nanoseconds, on the
 * laptop's axis (moved by the host's clock offset like every other host time). The event stays at the time its
 * source gave it: the stamp is the writer's own clock, kept beside it for comparison. Only the first unescaped
 * {@code time="..."} counts (a nested {@code time=\"...\"} inside {@code msg} is not it), and only an RFC 3339 time
 * with {@code Z} or an offset;</li>
 * <li>its level, which becomes the event's severity: the journal gives every line of a stream one priority (6 for
 * stdout, 3 for stderr) whatever the writer meant, so dockerd's "Health check failed" warnings would read as info.
 * Only a {@code level=} at the start of the message or right after its leading {@code time="..."} counts (logrus
 * writes them in that order); the source's own severity, when it differs, stays in the field
 * {@value #SOURCE_SEVERITY_FIELD}. Levels map as logrus' syslog hook does: panic and fatal CRIT, error ERR,
 * warn(ing) WARNING, info INFO, debug and trace DEBUG.</li>
 * </ul>
 */
final class Logrus {
    static final String TIME_FIELD = "LOGRUS_TIME";
    static final String SOURCE_SEVERITY_FIELD = "SOURCE_SEVERITY";
    private static final Pattern STAMP = Pattern.compile("(?:^|\\s)time=\"(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(?:Z|[+-]\\d\\d:\\d\\d))\"");
    private static final Pattern LEVEL = Pattern.compile("^(?:time=\"[^\"\\\\]*\"\\s+)?level=(panic|fatal|error|warning|warn|info|debug|trace)(?=\\s|$)");

    private Logrus() {
    }

    /** Epoch nanos (host clock) of the message's logrus stamp, or null when it has none. */
    static Long time(String message) {
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

    /** The severity the message's logrus level means, or null when it has none. */
    static Severity level(String message) {
        if (message == null || !message.contains("level=")) {
            return null;
        }
        Matcher m = LEVEL.matcher(message);
        if (!m.find()) {
            return null;
        }
        return switch (m.group(1)) {
            case "panic", "fatal" -> Severity.CRIT;
            case "error" -> Severity.ERR;
            case "warning", "warn" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> Severity.DEBUG;
        };
    }

    /** The event with its logrus stamp typed and its severity from its level; the event itself when it has neither. */
    static Event annotate(Event ev, long clockOffsetNanos) {
        Long remote = ev.fields().containsKey(TIME_FIELD) ? null : time(ev.message());
        Severity level = level(ev.message());
        boolean newLevel = level != null && level != ev.severity();
        if (remote == null && !newLevel) {
            return ev;
        }
        Map<String, String> fields = ev.fields();
        if (remote != null) {
            fields = FieldMap.with(fields, TIME_FIELD, EpochNanos.iso(remote - clockOffsetNanos));
        }
        if (newLevel && !fields.containsKey(SOURCE_SEVERITY_FIELD)) {
            fields = FieldMap.with(fields, SOURCE_SEVERITY_FIELD, ev.severity().name());
        }
        return new Event(ev.id(), ev.timeNanos(), ev.timeText(), ev.host(), ev.source(), ev.unit(), ev.identifier(),
                newLevel ? level : ev.severity(), ev.message(), ev.containerId(), ev.truncated(), fields, ev.origin());
    }
}
