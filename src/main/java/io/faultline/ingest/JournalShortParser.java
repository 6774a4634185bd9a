package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code journalctl} short output as a pager shows it: {@code Oct 05 15:00:25 host ident[pid]: message}, month names
 * also as other locales print them ({@code Okt 05}, {@code oct. 05}, {@code окт 05}, {@code 10月 05}: {@link MonthNames})
 * (also short-precise fractions and short-iso). No year: {@link YearGuess} takes it from the capture
 * window. No zone: the host's zone. Lines the pager cut end in {@code >}: the marker is dropped from the
 * message and the event is marked truncated (unless the line ends in a whole {@code <word>}). journalctl's own {@code -- ... --} lines are no events.
 * Lines starting with blanks continue the previous message. Severity is UNKNOWN: short carries none.
 */
final class JournalShortParser implements SourceParser {
    static final String SOURCE = "journal-short";
    private static final Pattern SHORT = Pattern.compile(
            "^(" + MonthNames.REGEX + ") ([ 0-3]?\\d) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))? (\\S+) ?(.*)$");
    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})) (\\S+) ?(.*)$");
    private static final Pattern WHO = Pattern.compile("^([^\\s\\[\\]:][^\\[\\]:]*?)(?:\\[(\\d+)\\])?: (.*)$", Pattern.DOTALL);
    private static final Pattern WHO_CUT = Pattern.compile("^([^\\s\\[\\]:]+)(?:\\[(\\d*)\\]?)?>?$");
    private static final Pattern UNIT = Pattern.compile(
            "^([\\w@:.\\\\-]+\\.(?:service|mount|scope|socket|timer|slice|target|path|device|swap|automount)): ");
    /** A message ending in a whole {@code <word>} (Python's {@code <module>}) was not cut by the pager. */
    private static final Pattern CLOSED_TAG = Pattern.compile("<[^<>\\s]+>$");
    private static final DateTimeFormatter ISO_OFFSET = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendLiteral(',').appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false).optionalEnd()
            .appendPattern("[XXX][XX]")
            .toFormatter();

    @Override
    public SourceKind kind() {
        return SourceKind.JOURNAL_SHORT;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        if (Text.looksBinary(head)) {
            return false;
        }
        LineReader lines = new LineReader(head);
        int matched = 0;
        int seen = 0;
        while (lines.next() && seen < 20) {
            if (lines.blank()) {
                continue;
            }
            String t = lines.text();
            if (t.startsWith("-- ")) {
                continue;
            }
            if (Character.isWhitespace(t.charAt(0))) {
                continue;
            }
            seen++;
            if (SHORT.matcher(t).matches() || ISO.matcher(t).matches()) {
                matched++;
            }
        }
        // The last line of a head may be cut anywhere: a majority of lines is enough.
        return matched > 0 && matched * 2 > seen;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        YearGuess years = new YearGuess(ctx.zone(), ctx.window(), ctx.dataContext(), ctx.createdAt());
        TreeSet<Integer> yearsUsed = new TreeSet<>();
        LineReader lines = new LineReader(data);
        Pending pending = null;
        boolean yearless = false;
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            String text = lines.text();
            if (text.startsWith("-- ")) {
                continue;
            }
            if (Character.isWhitespace(text.charAt(0)) && pending != null) {
                pending.message.append('\n').append(text.strip());
                continue;
            }
            Matcher m = SHORT.matcher(text);
            Long remote;
            String timeText;
            String hostname;
            String rest;
            if (m.matches()) {
                yearless = true;
                int month = MonthNames.month(m.group(1));
                int nano = m.group(6) == null ? 0 : Integer.parseInt((m.group(6) + "00000000").substring(0, 9));
                remote = years.resolve(month, Integer.parseInt(m.group(2).trim()), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), nano);
                timeText = text.substring(0, m.end(5) + (m.group(6) == null ? 0 : m.group(6).length() + 1));
                hostname = m.group(7);
                rest = m.group(8);
                if (remote == null) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                            "no such date '" + timeText + "' in any year near the capture window; line skipped"));
                    continue;
                }
                yearsUsed.add(EpochNanos.toInstant(remote).atZone(ctx.zone()).getYear());
            } else {
                m = ISO.matcher(text);
                if (!m.matches()) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                            "not a journal short line (expected 'Mon DD HH:MM:SS host name[pid]: message'): '"
                                    + abbreviate(text) + "'"));
                    continue;
                }
                timeText = m.group(1);
                try {
                    remote = EpochNanos.of(OffsetDateTime.parse(timeText, ISO_OFFSET).toInstant());
                } catch (DateTimeParseException e) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                            "unreadable time '" + timeText + "': " + e.getMessage()));
                    continue;
                }
                hostname = m.group(2);
                rest = m.group(3);
            }
            if (pending != null) {
                out.event(pending.build(ctx));
            }
            pending = new Pending(lines.lineNo(), lines.start(), ctx.toLocal(remote), timeText, hostname, rest);
        }
        if (pending != null) {
            out.event(pending.build(ctx));
        }
        if (yearless) {
            String basis = switch (years.basis()) {
                case WINDOW -> "the capture window";
                case DATA_CONTEXT -> "the bundle's dated sources (no capture window; latest " + ctx.dataContext() + ")";
                case CREATED_AT -> "the bundle's creation time (no capture window)";
                case NONE -> "nothing (no window, no creation time)";
            };
            if (yearsUsed.isEmpty()) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1,
                        "journal short lines carry no year and the bundle has no window or creation time to take it from"));
            } else {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1,
                        "journal short lines carry no year: year " + join(yearsUsed) + " taken from " + basis
                                + "; times read in zone " + ctx.zone().getId()
                                + (ctx.zoneKnown() ? "" : " (assumed: the manifest gives no zone for host " + ctx.host() + ")")));
            }
        }
    }

    private static String join(TreeSet<Integer> years) {
        StringBuilder sb = new StringBuilder();
        for (Integer y : years) {
            sb.append(sb.isEmpty() ? "" : ", ").append(y);
        }
        return sb.toString();
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** A line read but not yet emitted, because continuation lines may follow. */
    private static final class Pending {
        final long line;
        final long offset;
        final long time;
        final String timeText;
        final String hostname;
        final StringBuilder message;

        Pending(long line, long offset, long time, String timeText, String hostname, String rest) {
            this.line = line;
            this.offset = offset;
            this.time = time;
            this.timeText = timeText;
            this.hostname = hostname;
            this.message = new StringBuilder(rest);
        }

        Event build(EntryContext ctx) {
            String rest = message.toString();
            boolean truncated = rest.endsWith(">") && !CLOSED_TAG.matcher(rest).find();
            if (truncated) {
                rest = rest.substring(0, rest.length() - 1);
            }
            String identifier = null;
            String pid = null;
            String msg = rest;
            Matcher w = WHO.matcher(rest);
            if (w.matches()) {
                identifier = w.group(1);
                pid = w.group(2);
                msg = w.group(3);
            } else {
                Matcher c = WHO_CUT.matcher(rest);
                if (truncated && c.matches()) {
                    identifier = c.group(1);
                    pid = c.group(2) == null || c.group(2).isEmpty() ? null : c.group(2);
                    msg = "";
                }
            }
            Matcher u = UNIT.matcher(msg);
            String unit = u.find() ? u.group(1) : null;
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("_HOSTNAME", hostname);
            if (pid != null) {
                fields.put("_PID", pid);
            }
            return new Event(ctx.entry() + ":" + line, time, timeText, ctx.host(), SOURCE, unit, identifier,
                    Severity.UNKNOWN, msg, ContainerLinks.find(msg), truncated, fields, ctx.at(line, offset));
        }
    }
}
