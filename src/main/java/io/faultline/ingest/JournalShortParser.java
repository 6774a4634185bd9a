package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code journalctl}'s short outputs as a pager shows them, {@code <time> host ident[pid]: message}, where the
 * time is one of
 * <ul>
 * <li>short, short-precise: {@code Oct 05 15:00:25[.123456]}, month names also as other locales print them
 * ({@code Okt 05}, {@code oct. 05}, {@code окт 05}, {@code 10月 05}: {@link MonthNames}): no year ({@link YearGuess}
 * takes it from the capture window), no zone (the host's zone);</li>
 * <li>short-iso, short-iso-precise: {@code 2025-10-05T15:00:25[.123456]+0200};</li>
 * <li>short-full and with-unit: {@code Sun 2025-10-05 15:00:25 CEST} (weekday names of other locales too,
 * {@link WeekdayNames}; one that does not fit the date is reported and the date wins): the zone abbreviation picks the host zone's
 * offset (so the hour repeated when summer time ends is told apart), or any zone's when all zones that use it
 * agree; with-unit shows {@code _SYSTEMD_UNIT[/_SYSTEMD_USER_UNIT]} where the identifier would be;</li>
 * <li>short-unix: {@code 1759669225.123456} (UTC seconds);</li>
 * <li>short-monotonic: {@code [ 1234.567890]}, seconds since boot: the wall time comes from the bundle's journal
 * JSON/export entries of the same boot ({@link JournalBoots}), the boot from the {@code -- Boot <id> --} line above
 * or, before any, from an entry with the same host and monotonic stamp; without one the stamp is kept as an offset
 * from an unknown boot (placed at 1970-01-01T00:00:00Z + offset, never at an invented wall time) and a diagnostic
 * says so.</li>
 * </ul>
 * Lines the pager cut end in {@code >}: the marker is dropped from the message and the event is marked truncated
 * (unless the line ends in a whole {@code <word>}). journalctl's own {@code -- ... --} lines are no events; a
 * {@code -- Boot <id> --} line gives the events below it their {@code _BOOT_ID}, {@code -- No entries --} is
 * reported. Lines starting with blanks continue the previous message. Severity is UNKNOWN: short carries none.
 */
final class JournalShortParser implements SourceParser {
    static final String SOURCE = "journal-short";
    private static final Pattern SHORT = Pattern.compile(
            "^(" + MonthNames.REGEX + ") ([ 0-3]?\\d) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))? (\\S+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})) (\\S+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern FULL = Pattern.compile(
            "^(" + WeekdayNames.REGEX + ") (\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))? (\\S+) (\\S+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern UNIX = Pattern.compile("^(\\d{9,12})\\.(\\d{1,9}) (\\S+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern MONO = Pattern.compile("^\\[\\s*(\\d{1,12})\\.(\\d{1,9})\\] (\\S+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern MONO_HEAD = Pattern.compile("(?m)^\\[\\s*\\d{1,12}\\.\\d{1,9}\\] \\S+ ");
    /** journalctl's first line before systemd 255 (wording changed in 246), with full dates. */
    private static final Pattern LOGS = Pattern.compile(
            "^-- (?:Logs begin at|Journal begins at) .+, (?:end at|ends at) ((?:" + WeekdayNames.REGEX + ") .+?)\\. --$");
    private static final Pattern FULL_STAMP = Pattern.compile(
            "^(?:" + WeekdayNames.REGEX + ") (\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\S+)$");
    private static final Pattern BOOT = Pattern.compile("^-- Boot ([0-9a-f]{32}) --$");
    private static final String UNIT_NAME = "[\\w@:.\\\\-]+\\.(?:service|mount|scope|socket|timer|slice|target|path|device|swap|automount)";
    /** with-unit's name slot: {@code _SYSTEMD_UNIT} or {@code _SYSTEMD_UNIT/_SYSTEMD_USER_UNIT}. */
    private static final Pattern SLOT_UNIT = Pattern.compile("^(" + UNIT_NAME + ")(?:/(" + UNIT_NAME + "))?$");
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

    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
    private static final Pattern NUMERIC_ZONE = Pattern.compile("^[+-]\\d{2}(?:\\d{2})?$");

    @Override
    public SourceKind kind() {
        return SourceKind.JOURNAL_SHORT;
    }

    /** True when the head holds {@code journalctl -o short-monotonic} lines. */
    static boolean hasMonotonicLines(byte[] head) {
        return MONO_HEAD.matcher(Text.utf8(head, 0, Math.min(head.length, FormatDetector.HEAD_BYTES))).find();
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
            if (SHORT.matcher(t).matches() || ISO.matcher(t).matches() || FULL.matcher(t).matches()) {
                matched++;
            } else {
                // bare numbers and brackets start many lines: these need the "ident[pid]: " after the host too
                Matcher m = UNIX.matcher(t);
                if (!m.matches()) {
                    m = MONO.matcher(t);
                }
                if (m.matches() && WHO.matcher(m.group(4)).matches()) {
                    matched++;
                }
            }
        }
        // The last line of a head may be cut anywhere: a majority of lines is enough.
        return matched > 0 && matched * 2 > seen;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        new Run(ctx, data, out).read();
    }

    /** The state of reading one entry. */
    private static final class Run {
        final EntryContext ctx;
        final byte[] data;
        final Collector out;
        final YearGuess years;
        /** Without a window: the end of the journal as its {@code -- Logs begin at ..., end at ... --} line says, or null. */
        final String logsEnd;
        final TreeSet<Integer> yearsUsed = new TreeSet<>();
        final Map<String, Optional<ZoneOffset>> foreignZones = new HashMap<>();
        final LineReader lines;
        boolean yearless;
        /** The boot named by the last {@code -- Boot <id> --} line, or null before any. */
        String boot;
        /** The boot of the current segment's monotonic stamps, once known. */
        String monoBoot;
        boolean monoSegmentReported;
        long monoLines;
        long monoUnanchored;
        Pending pending;

        Run(EntryContext ctx, byte[] data, Collector out) {
            this.ctx = ctx;
            this.data = data;
            this.out = out;
            this.lines = new LineReader(data);
            Instant end = ctx.window() == null ? logsEnd() : null;
            this.logsEnd = end == null ? null : end.toString();
            this.years = new YearGuess(ctx.zone(), ctx.window(), end != null ? end : ctx.dataContext(), ctx.createdAt());
        }

        /** The instant a {@code -- Logs begin at ..., end at <full time>. --} line among the first lines names, or null. */
        private Instant logsEnd() {
            LineReader scan = new LineReader(data);
            for (int i = 0; i < 5 && scan.next(); i++) {
                Matcher m = LOGS.matcher(scan.text().strip());
                Matcher t = m.matches() ? FULL_STAMP.matcher(m.group(1)) : null;
                if (t != null && t.matches()) {
                    try {
                        LocalDateTime ldt = LocalDateTime.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)),
                                Integer.parseInt(t.group(3)), Integer.parseInt(t.group(4)), Integer.parseInt(t.group(5)),
                                Integer.parseInt(t.group(6)));
                        return EpochNanos.toInstant(ctx.toLocal(EpochNanos.of(ldt.toInstant(offset(t.group(7), ldt)))));
                    } catch (DateTimeException e) {
                        out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, scan.lineNo(), scan.start(),
                                "unreadable end time in journalctl's first line: " + e.getMessage()));
                    }
                }
            }
            return null;
        }

        void read() {
            List<String> segmentBoots = hasMonotonicLines(data) ? segmentBoots() : List.of();
            int segment = 0;
            monoBoot = segmentBoots.isEmpty() ? null : segmentBoots.getFirst();
            while (lines.next()) {
                if (lines.blank()) {
                    continue;
                }
                String text = lines.text();
                if (text.startsWith("-- ")) {
                    if (separator(text)) {
                        segment++;
                        monoBoot = segment < segmentBoots.size() ? segmentBoots.get(segment) : boot;
                        monoSegmentReported = false;
                    }
                    continue;
                }
                if (Character.isWhitespace(text.charAt(0)) && pending != null) {
                    pending.continuation.add(text.stripTrailing());
                    continue;
                }
                Pending next = line(text);
                if (next != null) {
                    flush();
                    pending = next;
                }
            }
            flush();
            summarise();
        }

        /** Handles a {@code -- ... --} line; true when it starts a new boot. */
        private boolean separator(String text) {
            Matcher b = BOOT.matcher(text.strip());
            if (b.matches()) {
                boot = b.group(1);
                return true;
            }
            if (text.strip().equals("-- Reboot --")) {
                boot = null;
                return true;
            }
            if (text.strip().equals("-- No entries --")) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, lines.lineNo(), lines.start(),
                        "journalctl found no entries for what it was asked ('-- No entries --')"));
            }
            return false;
        }

        /**
         * The boot of each segment between boot separators, for monotonic stamps: the one its separator names,
         * else (the first segment, or after {@code -- Reboot --}) the one a JSON/export entry with the same host and
         * monotonic stamp belongs to. Null where unknown.
         */
        private List<String> segmentBoots() {
            List<String> result = new ArrayList<>();
            LineReader scan = new LineReader(data);
            String current = null;
            boolean named = false;
            while (scan.next()) {
                String t = scan.text();
                if (t.startsWith("-- ")) {
                    Matcher b = BOOT.matcher(t.strip());
                    if (b.matches() || t.strip().equals("-- Reboot --")) {
                        result.add(current);
                        current = b.matches() ? b.group(1) : null;
                        named = b.matches();
                    }
                    continue;
                }
                Matcher m = MONO.matcher(t);
                if (!named && current == null && m.matches()) {
                    current = ctx.boots().bootOf(m.group(3), monoNanos(m) / 1000);
                }
            }
            result.add(current);
            return result;
        }

        /** Reads one line that starts a record; null (with a diagnostic) when it cannot be placed. */
        private Pending line(String text) {
            Matcher m = SHORT.matcher(text);
            if (m.matches()) {
                return yearless(text, m);
            }
            m = ISO.matcher(text);
            if (m.matches()) {
                String timeText = m.group(1);
                try {
                    long remote = EpochNanos.of(OffsetDateTime.parse(timeText, ISO_OFFSET).toInstant());
                    return pending(ctx.toLocal(remote), timeText, m.group(2), m.group(3), false);
                } catch (DateTimeException e) {
                    return bad("unreadable time '" + timeText + "': " + e.getMessage());
                }
            }
            m = FULL.matcher(text);
            if (m.matches()) {
                return full(text, m);
            }
            m = UNIX.matcher(text);
            if (m.matches()) {
                long remote = Math.addExact(Math.multiplyExact(Long.parseLong(m.group(1)), 1_000_000_000L), fraction(m.group(2)));
                return pending(ctx.toLocal(remote), m.group(1) + "." + m.group(2), m.group(3), m.group(4), false);
            }
            m = MONO.matcher(text);
            if (m.matches()) {
                return monotonic(text, m);
            }
            return bad("not a journal short line (expected 'Mon DD HH:MM:SS host name[pid]: message' or another short"
                    + " form: -iso, -precise, -full, -unix, -monotonic): '" + abbreviate(text) + "'");
        }

        private Pending yearless(String text, Matcher m) {
            yearless = true;
            int month = MonthNames.month(m.group(1));
            Long remote = years.resolve(month, Integer.parseInt(m.group(2).trim()), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : fraction(m.group(6)));
            String timeText = text.substring(0, m.end(5) + (m.group(6) == null ? 0 : m.group(6).length() + 1));
            if (remote == null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                        "no such date '" + timeText + "' in any year near the capture window; line skipped"));
                return null;
            }
            yearsUsed.add(EpochNanos.toInstant(remote).atZone(ctx.zone()).getYear());
            return pending(ctx.toLocal(remote), timeText, m.group(7), m.group(8), false);
        }

        private Pending full(String text, Matcher m) {
            String timeText = text.substring(0, m.end(9));
            long remote;
            try {
                LocalDateTime ldt = LocalDateTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                        Integer.parseInt(m.group(7)), m.group(8) == null ? 0 : fraction(m.group(8)));
                remote = EpochNanos.of(ldt.toInstant(offset(m.group(9), ldt)));
                String mismatch = WeekdayNames.mismatch(m.group(1), ldt.toLocalDate());
                if (mismatch != null) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                            mismatch + ": the date is used"));
                }
            } catch (DateTimeException e) {
                return bad("unreadable time '" + timeText + "': " + e.getMessage());
            }
            return pending(ctx.toLocal(remote), timeText, m.group(10), m.group(11), true);
        }

        /**
         * The offset a short-full zone abbreviation stands for at that local time: numeric ones as written, the host
         * zone's when it is one of the host zone's names then, else the one offset all zones using that name agree on;
         * else the host zone's (reported once).
         */
        private ZoneOffset offset(String abbr, LocalDateTime ldt) {
            if (abbr.equals("UTC") || abbr.equals("GMT") || abbr.equals("UCT") || abbr.equals("Z")) {
                return ZoneOffset.UTC;
            }
            if (NUMERIC_ZONE.matcher(abbr).matches()) {
                return ZoneOffset.of(abbr);
            }
            ZoneId zone = ctx.zone();
            for (ZoneOffset o : zone.getRules().getValidOffsets(ldt)) {
                if (ZONE_NAME.withZone(zone).format(ldt.toInstant(o)).equals(abbr)) {
                    return o;
                }
            }
            Optional<ZoneOffset> foreign = foreignZones.computeIfAbsent(abbr, a -> {
                Set<ZoneOffset> seen = new HashSet<>();
                for (String id : ZoneId.getAvailableZoneIds()) {
                    ZoneId z = ZoneId.of(id);
                    ZoneOffset o = z.getRules().getOffset(ldt);
                    if (ZONE_NAME.withZone(z).format(ldt.toInstant(o)).equals(a)) {
                        seen.add(o);
                    }
                }
                Optional<ZoneOffset> one = seen.size() == 1 ? Optional.of(seen.iterator().next()) : Optional.empty();
                out.diagnostic(ctx.diagnostic(one.isPresent() ? Diagnostic.Level.INFO : Diagnostic.Level.WARNING,
                        lines.lineNo(), lines.start(), one.isPresent()
                                ? "zone '" + a + "' is not a name of the host's zone " + zone.getId() + ": read as " + one.get()
                                : "zone '" + a + "' is " + (seen.isEmpty() ? "unknown" : "ambiguous (" + seen.size() + " offsets use it)")
                                + ": times written with it are read in the host's zone " + zone.getId()));
                return one;
            });
            return foreign.orElseGet(() -> zone.getRules().getOffset(ldt));
        }

        private Pending monotonic(String text, Matcher m) {
            long mono = monoNanos(m);
            String timeText = text.substring(0, m.end(2) + 1);
            Long wall = ctx.boots().wallTime(monoBoot, mono);
            monoLines++;
            Pending p;
            if (wall != null) {
                p = pending(wall, timeText, m.group(3), m.group(4), false);
            } else {
                monoUnanchored++;
                if (!monoSegmentReported) {
                    monoSegmentReported = true;
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                            "monotonic stamps (seconds since boot) of " + (monoBoot == null ? "an unknown boot" : "boot " + monoBoot)
                                    + " from here have no wall time: the bundle holds no journal JSON or export entry of that boot;"
                                    + " they are kept as offsets from the boot, placed at 1970-01-01T00:00:00Z + offset"));
                }
                p = pending(mono, timeText, m.group(3), m.group(4), false);
            }
            p.fields.put("__MONOTONIC_TIMESTAMP", Long.toString(mono / 1000));
            if (monoBoot != null) {
                p.fields.put("_BOOT_ID", monoBoot);
            }
            return p;
        }

        private Pending pending(long time, String timeText, String hostname, String rest, boolean unitSlot) {
            Pending p = new Pending(lines.lineNo(), lines.start(), time, timeText, hostname, rest, unitSlot,
                    lines.text().length() - rest.length());
            if (boot != null) {
                p.fields.put("_BOOT_ID", boot);
            }
            return p;
        }

        private Pending bad(String reason) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(), reason));
            return null;
        }

        private void flush() {
            if (pending != null) {
                out.event(pending.build(ctx));
                pending = null;
            }
        }

        private void summarise() {
            if (monoLines > 0 && monoUnanchored < monoLines) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, (monoLines - monoUnanchored) + " of " + monoLines
                        + " monotonic stamps placed in time with the wall clock of their boot from the bundle's journal JSON/export entries"));
            }
            if (!yearless) {
                return;
            }
            String basis = switch (years.basis()) {
                case WINDOW -> "the capture window";
                case DATA_CONTEXT -> logsEnd != null ? "journalctl's first line (no capture window; the journal ends at " + logsEnd + ")"
                        : "the bundle's dated sources (no capture window; latest " + ctx.dataContext() + ")";
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

    private static long monoNanos(Matcher m) {
        return Math.addExact(Math.multiplyExact(Long.parseLong(m.group(1)), 1_000_000_000L), fraction(m.group(2)));
    }

    /** Up to nine fraction digits as nanoseconds. */
    private static int fraction(String digits) {
        return Integer.parseInt((digits + "00000000").substring(0, 9));
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
        final String first;
        /** The column the text after the host starts at in the first line. */
        final int restColumn;
        /** The lines that continue the message, as written (journalctl indents them to the message's column). */
        final List<String> continuation = new ArrayList<>();
        /** True for the short-full layout, whose name slot may hold units (with-unit). */
        final boolean unitSlot;
        final Map<String, String> fields = new LinkedHashMap<>();

        Pending(long line, long offset, long time, String timeText, String hostname, String rest, boolean unitSlot, int restColumn) {
            this.line = line;
            this.offset = offset;
            this.time = time;
            this.timeText = timeText;
            this.hostname = hostname;
            this.first = rest;
            this.unitSlot = unitSlot;
            this.restColumn = restColumn;
        }

        /**
         * The whole text after the host: continuation lines lose the indent journalctl added (up to the column the
         * message starts at), so a message's own leading blanks are kept.
         */
        private String rest() {
            if (continuation.isEmpty()) {
                return first;
            }
            Matcher w = WHO.matcher(first);
            int column = restColumn + (w.matches() ? first.length() - w.group(3).length() : 0);
            StringBuilder sb = new StringBuilder(first);
            for (String c : continuation) {
                int blanks = 0;
                while (blanks < c.length() && blanks < column && c.charAt(blanks) == ' ') {
                    blanks++;
                }
                sb.append('\n').append(c, blanks, c.length());
            }
            return sb.toString();
        }

        Event build(EntryContext ctx) {
            String rest = rest();
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
            Map<String, String> all = new LinkedHashMap<>();
            all.put("_HOSTNAME", hostname);
            if (pid != null) {
                all.put("_PID", pid);
            }
            String slotUnit = null;
            Matcher s = unitSlot && identifier != null ? SLOT_UNIT.matcher(identifier) : null;
            if (s != null && s.matches()) {
                all.put("_SYSTEMD_UNIT", s.group(1));
                if (s.group(2) != null) {
                    all.put("_SYSTEMD_USER_UNIT", s.group(2));
                }
                slotUnit = s.group(2) != null ? s.group(2) : s.group(1);
                identifier = null;
            }
            all.putAll(fields);
            Matcher u = UNIT.matcher(msg);
            String unit = u.find() ? u.group(1) : slotUnit;
            return new Event(ctx.recordId(line), time, timeText, ctx.host(), SOURCE, unit, identifier,
                    Severity.UNKNOWN, msg, ContainerLinks.find(msg), truncated, all, ctx.at(line, offset));
        }
    }
}
