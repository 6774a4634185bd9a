package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generic syslog files for hosts without journald, one message a line:
 * <ul>
 * <li>RFC 5424: {@code <165>1 2003-10-11T22:14:15.003Z host app 1234 ID47 [id@32473 k="v"] msg}; {@code -} is the
 * NILVALUE for any header field; structured data is kept in fields {@code SD.<id>.<param>} (escapes {@code \" \\ \]}
 * undone); a UTF-8 BOM before MSG is dropped from the message. A line without a time of its own is placed at the
 * previous line's time, with a diagnostic.</li>
 * <li>RFC 3164: {@code <34>Oct 11 22:14:15 mymachine su[12]: msg}, also without the PRI as rsyslog writes
 * /var/log/syslog ({@code Oct  5 ...}, month names of other locales too: {@link MonthNames}) and with rsyslog's
 * RFC 3339 stamp ({@code 2026-12-03T19:23:49.101234+00:00 host tag: msg}). No year: {@link YearGuess}, as journal
 * short; no zone: the host's.</li>
 * </ul>
 * PRI gives severity ({@code PRIORITY}) and facility ({@code SYSLOG_FACILITY}); the sender's hostname is {@code _HOSTNAME}.
 * Lines starting with blanks continue the previous message.
 */
final class SyslogParser implements SourceParser {
    static final String SOURCE = "syslog";
    private static final Pattern PRI = Pattern.compile("^<(\\d{1,3})>");
    private static final Pattern RFC5424 = Pattern.compile("^<(\\d{1,3})>(\\d{1,2}) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern BSD = Pattern.compile(
            "^(" + MonthNames.REGEX + ") {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))? (\\S+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern RFC3339 = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})?) (\\S+) ?(.*)$", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("^([^\\s\\[\\]:]{1,64})(?:\\[([^\\]\\s]*)\\])?: ?(.*)$", Pattern.DOTALL);
    private static final Pattern UNIT = Pattern.compile(
            "^([\\w@:.\\\\-]+\\.(?:service|mount|scope|socket|timer|slice|target|path|device|swap|automount)): ");
    private static final String[] FACILITIES = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
        "authpriv", "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4",
        "local5", "local6", "local7"};

    @Override
    public SourceKind kind() {
        return SourceKind.SYSLOG;
    }

    /** A majority of the first lines are syslog lines; without any PRI that is also journal short, which comes first. */
    @Override
    public boolean probe(String fileName, byte[] head) {
        if (Text.looksBinary(head)) {
            return false;
        }
        LineReader lines = new LineReader(head);
        int matched = 0;
        int seen = 0;
        while (lines.next() && seen < 20) {
            if (lines.blank() || Character.isWhitespace(head[lines.start()])) {
                continue;
            }
            seen++;
            String t = lines.text();
            Matcher p = PRI.matcher(t);
            String rest = p.find() ? t.substring(p.end()) : t;
            if (RFC5424.matcher(t).matches() || BSD.matcher(rest).matches() || RFC3339.matcher(rest).matches()) {
                matched++;
            }
        }
        return matched > 0 && matched * 2 > seen;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        new Reader(ctx, out).read(data);
    }

    /** The state of one entry's reading. */
    private static final class Reader {
        private final EntryContext ctx;
        private final Collector out;
        private final YearGuess years;
        private final TreeSet<Integer> yearsUsed = new TreeSet<>();
        private boolean yearless;
        private Record pending;
        private Long lastTime;
        private long lastLine;

        Reader(EntryContext ctx, Collector out) {
            this.ctx = ctx;
            this.out = out;
            this.years = new YearGuess(ctx.zone(), ctx.window(), ctx.dataContext(), ctx.createdAt());
        }

        void read(byte[] data) {
            LineReader lines = new LineReader(data);
            while (lines.next()) {
                if (lines.blank()) {
                    continue;
                }
                String text = lines.text();
                if (Character.isWhitespace(text.charAt(0)) && pending != null) {
                    pending.message.append('\n').append(text.strip());
                    continue;
                }
                Record r = line(text, lines.lineNo(), lines.start());
                if (r != null) {
                    flush();
                    pending = r;
                    lastTime = r.time;
                    lastLine = r.line;
                }
            }
            flush();
            yearNote();
        }

        private void flush() {
            if (pending != null) {
                out.event(pending.build(ctx));
                pending = null;
            }
        }

        private void warn(long line, long offset, String reason) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset, reason));
        }

        /** One header line as a record, or null after a diagnostic. */
        private Record line(String text, long line, long offset) {
            Matcher m = RFC5424.matcher(text);
            if (m.matches()) {
                Integer pri = pri(m.group(1), line, offset);
                return pri == null ? null : rfc5424(m, pri, line, offset);
            }
            Integer pri = null;
            String rest = text;
            Matcher p = PRI.matcher(text);
            if (p.find()) {
                pri = pri(p.group(1), line, offset);
                if (pri == null) {
                    return null;
                }
                rest = text.substring(p.end());
            }
            Record r = traditional(rest, line, offset);
            if (r == null) {
                return null;
            }
            if (pri != null) {
                r.priority(pri);
            }
            return r;
        }

        private Integer pri(String digits, long line, long offset) {
            int pri = Integer.parseInt(digits);
            if (pri > 191) {
                warn(line, offset, "syslog PRI <" + digits + "> is out of range (0..191); line skipped");
                return null;
            }
            return pri;
        }

        private Record rfc5424(Matcher m, int pri, long line, long offset) {
            String stamp = m.group(3);
            Long remote;
            boolean own = !stamp.equals("-");
            if (own) {
                remote = rfc3339(stamp, line, offset);
                if (remote == null) {
                    return null;
                }
            } else if (lastTime != null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, line, offset,
                        "RFC 5424 line without a time (NILVALUE '-'): placed at the time of line " + lastLine));
                remote = null;
            } else {
                warn(line, offset, "RFC 5424 line without a time (NILVALUE '-') and no earlier line to place it by; skipped");
                return null;
            }
            Record r = new Record(line, offset, own ? ctx.toLocal(remote) : lastTime, own ? stamp : "-", nil(m.group(4)));
            r.priority(pri);
            r.fields.put("SYSLOG_VERSION", m.group(2));
            r.identifier = nil(m.group(5));
            String procId = nil(m.group(6));
            if (procId != null) {
                r.fields.put(procId.chars().allMatch(Character::isDigit) ? "_PID" : "PROCID", procId);
            }
            String msgId = nil(m.group(7));
            if (msgId != null) {
                r.fields.put("MSGID", msgId);
            }
            String rest = m.group(8);
            int msgStart = structuredData(rest, r, line, offset);
            String msg = msgStart >= rest.length() ? "" : rest.substring(msgStart);
            if (msg.startsWith("\uFEFF")) {
                msg = msg.substring(1);
            }
            r.message.append(msg);
            return r;
        }

        /** Reads SD-ELEMENTs into fields; returns where MSG starts. An element left open keeps the rest as message. */
        private int structuredData(String rest, Record r, long line, long offset) {
            if (rest.startsWith("-")) {
                return rest.startsWith("- ") ? 2 : 1;
            }
            int i = 0;
            Map<String, String> sd = new LinkedHashMap<>();
            while (i < rest.length() && rest.charAt(i) == '[') {
                int end = element(rest, i + 1, sd);
                if (end < 0) {
                    warn(line, offset, "RFC 5424 structured data not closed (missing ']' or '\"'); kept in the message from '"
                            + JournalShortParser.abbreviate(rest.substring(i)) + "'");
                    r.fields.putAll(sd);
                    return i;
                }
                i = end;
            }
            r.fields.putAll(sd);
            if (i < rest.length() && rest.charAt(i) == ' ') {
                i++;
            }
            return i;
        }

        /** One SD-ELEMENT after its '['; returns the index after its ']' or -1 when it does not close. */
        private static int element(String s, int from, Map<String, String> sd) {
            int i = from;
            while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != ']') {
                i++;
            }
            String id = s.substring(from, i);
            while (i < s.length() && s.charAt(i) == ' ') {
                int eq = s.indexOf("=\"", i + 1);
                if (eq < 0) {
                    return -1;
                }
                String name = s.substring(i + 1, eq);
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (j < s.length() && s.charAt(j) != '"') {
                    char c = s.charAt(j);
                    if (c == '\\' && j + 1 < s.length() && "\"\\]".indexOf(s.charAt(j + 1)) >= 0) {
                        c = s.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                if (j >= s.length()) {
                    return -1;
                }
                String key = "SD." + id + "." + name;
                for (int n = 2; sd.containsKey(key); n++) {
                    key = "SD." + id + "." + name + "#" + n;
                }
                sd.put(key, value.toString());
                i = j + 1;
            }
            return i < s.length() && s.charAt(i) == ']' ? i + 1 : -1;
        }

        private Long rfc3339(String stamp, long line, long offset) {
            try {
                boolean zoned = stamp.endsWith("Z") || stamp.matches(".*[+-]\\d{2}:\\d{2}$");
                return EpochNanos.of(zoned ? OffsetDateTime.parse(stamp).toInstant()
                        : LocalDateTime.parse(stamp, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(ctx.zone()).toInstant());
            } catch (DateTimeParseException e) {
                warn(line, offset, "unreadable syslog time '" + JournalShortParser.abbreviate(stamp) + "': " + e.getMessage()
                        + "; line skipped");
                return null;
            }
        }

        /** RFC 3164 after the PRI, or a PRI-less /var/log/syslog line. */
        private Record traditional(String text, long line, long offset) {
            Matcher m = BSD.matcher(text);
            if (m.matches()) {
                yearless = true;
                int nano = m.group(6) == null ? 0 : Integer.parseInt((m.group(6) + "00000000").substring(0, 9));
                String timeText = text.substring(0, m.end(6) >= 0 ? m.end(6) : m.end(5));
                Long remote = years.resolve(MonthNames.month(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), nano);
                if (remote == null) {
                    warn(line, offset, "no such date '" + timeText + "' in any year near the capture window; line skipped");
                    return null;
                }
                yearsUsed.add(EpochNanos.toInstant(remote).atZone(ctx.zone()).getYear());
                return tagged(new Record(line, offset, ctx.toLocal(remote), timeText, m.group(7)), m.group(8));
            }
            m = RFC3339.matcher(text);
            if (m.matches()) {
                Long remote = rfc3339(m.group(1), line, offset);
                return remote == null ? null : tagged(new Record(line, offset, ctx.toLocal(remote), m.group(1), m.group(2)), m.group(3));
            }
            warn(line, offset, "not a syslog line (expected '<PRI>1 TIME HOST APP PROCID MSGID SD MSG' or '[<PRI>]Mon DD HH:MM:SS "
                    + "HOST TAG: MSG'): '" + JournalShortParser.abbreviate(text) + "'");
            return null;
        }

        private static Record tagged(Record r, String rest) {
            Matcher t = TAG.matcher(rest);
            if (t.matches()) {
                r.identifier = t.group(1);
                if (t.group(2) != null && !t.group(2).isEmpty()) {
                    r.fields.put(t.group(2).chars().allMatch(Character::isDigit) ? "_PID" : "PROCID", t.group(2));
                }
                r.message.append(t.group(3));
            } else {
                r.message.append(rest);
            }
            return r;
        }

        private void yearNote() {
            if (!yearless) {
                return;
            }
            if (yearsUsed.isEmpty()) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1,
                        "syslog lines carry no year and the bundle has no window, dated source or creation time to take it from"));
                return;
            }
            StringBuilder ys = new StringBuilder();
            yearsUsed.forEach(y -> ys.append(ys.isEmpty() ? "" : ", ").append(y));
            String basis = switch (years.basis()) {
                case WINDOW -> "the capture window";
                case DATA_CONTEXT -> "the bundle's dated sources (no capture window)";
                case CREATED_AT -> "the bundle's creation time (no capture window)";
                case NONE -> "nothing";
            };
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "syslog lines carry no year: year " + ys + " taken from "
                    + basis + "; times read in zone "
                    + ctx.zone().getId() + (ctx.zoneKnown() ? "" : " (assumed: the manifest gives no zone for host " + ctx.host() + ")")));
        }

        private static String nil(String v) {
            return v.equals("-") ? null : v;
        }
    }

    /** A line read but not yet emitted, because continuation lines may follow. */
    private static final class Record {
        final long line;
        final long offset;
        final long time;
        final String timeText;
        final Map<String, String> fields = new LinkedHashMap<>();
        final StringBuilder message = new StringBuilder();
        Severity severity = Severity.UNKNOWN;
        String identifier;

        Record(long line, long offset, long time, String timeText, String hostname) {
            this.line = line;
            this.offset = offset;
            this.time = time;
            this.timeText = timeText;
            if (hostname != null) {
                fields.put("_HOSTNAME", hostname);
            }
        }

        void priority(int pri) {
            severity = Severity.ofPriority(pri & 7);
            fields.put("PRIORITY", Integer.toString(pri & 7));
            fields.put("SYSLOG_FACILITY", FACILITIES[pri >> 3]);
        }

        Event build(EntryContext ctx) {
            String msg = message.toString();
            Matcher u = UNIT.matcher(msg);
            return new Event(ctx.recordId(line), time, timeText, ctx.host(), SOURCE, u.find() ? u.group(1) : null, identifier,
                    severity, msg, ContainerLinks.find(msg), false, fields, ctx.at(line, offset));
        }
    }
}
