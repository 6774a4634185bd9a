package io.faultline.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Json;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Captures one host over SSH into a bundle: clock and zone, the journal, docker ps/inspect/events and
 * sysstat history for the window, each streamed into its own raw entry (compressed on the server when it has gzip,
 * each stopped at the byte cap per source). A tool or permission missing on the server becomes a diagnostic in the
 * manifest. A lost connection is made again as the {@link CapturePolicy} allows and the journal resumes from its last
 * cursor; a cancel, a connection lost for good or a source at the cap leaves a partial bundle.
 */
public final class RemoteCapture {
    /** Fixed text: checks which tools exist and that nice/ionice actually work for this user. */
    static final String TOOLS_COMMAND = "for t in journalctl docker sadf gzip; do if command -v \"$t\" >/dev/null 2>&1; "
            + "then echo \"$t=yes\"; else echo \"$t=no\"; fi; done; "
            + "if nice -n 19 true >/dev/null 2>&1; then echo nice=yes; else echo nice=no; fi; "
            + "if ionice -c3 true >/dev/null 2>&1; then echo ionice=yes; else echo ionice=no; fi";
    private static final String TOOLS_LABEL = "the tool check (command -v journalctl docker sadf gzip; nice; ionice)";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteCapture.class);
    private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{12,64}");
    private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(100).toNanos();
    private static final int CLOCK_SAMPLES = 3;
    /** sysstat's default sampling interval: records this far outside the window still describe its edges. */
    private static final long SYSSTAT_MARGIN_SECONDS = 600;

    private final String program;
    private final CaptureListener listener;
    private final Executor listenerExecutor;
    private final Duration connectTimeout;
    private final Duration silenceTimeout;
    private final CapturePolicy policy;

    /** As {@link #RemoteCapture(String, CaptureListener, Executor, Duration, Duration)} with the default silence timeout. */
    public RemoteCapture(String program, CaptureListener listener, Executor listenerExecutor, Duration connectTimeout) {
        this(program, listener, listenerExecutor, connectTimeout, SshSession.DEFAULT_SILENCE_TIMEOUT);
    }

    /**
     * @param program          written to the manifest, e.g. {@code faultline 0.1.0}
     * @param listener         receives progress per source
     * @param listenerExecutor runs the listener (the UI passes its thread's executor, tests {@code Runnable::run})
     * @param silenceTimeout   how long the server may not answer before the capture stops, partial
     */
    public RemoteCapture(String program, CaptureListener listener, Executor listenerExecutor, Duration connectTimeout,
                         Duration silenceTimeout) {
        this(program, listener, listenerExecutor, connectTimeout, silenceTimeout, CapturePolicy.DEFAULT);
    }

    /**
     * As {@link #RemoteCapture(String, CaptureListener, Executor, Duration, Duration)}, with the byte cap per source,
     * the reconnecting and the compression of {@code policy}.
     */
    public RemoteCapture(String program, CaptureListener listener, Executor listenerExecutor, Duration connectTimeout,
                         Duration silenceTimeout, CapturePolicy policy) {
        this.policy = policy;
        this.program = program;
        this.listener = listener;
        this.listenerExecutor = listenerExecutor;
        this.connectTimeout = connectTimeout;
        this.silenceTimeout = silenceTimeout;
    }

    /**
     * Connects, captures and writes the bundle. Returns normally when cancelled after connecting (the bundle is
     * partial); a cancel while connecting throws, and no bundle is written.
     *
     * @throws CollectException when no capture can be made (host key refused, authentication failed, unreachable,
     *                          cancelled before connected)
     * @throws IOException      when the bundle cannot be written
     */
    public CaptureResult capture(CaptureRequest req, CancelToken cancel) throws CollectException, IOException {
        SshSession ssh = SshSession.connect(req.route(), connectTimeout, silenceTimeout, cancel);
        Run run = null;
        try (BundleWriter writer = new BundleWriter(req.output(), program)) {
            run = new Run(req, ssh, writer, cancel);
            boolean partial;
            try {
                run.all();
                partial = cancel.isCancelled() || run.incomplete;
            } catch (ConnectionLostException e) {
                LOG.warn("capture of {} cut short: {}", req.target(), e.getMessage());
                run.problem("error", null, "capture cut short: " + e.getMessage());
                partial = true;
            }
            run.compressionNote();
            Manifest.Host host = run.host;
            writer.finish(partial);
            return new CaptureResult(req.output(), partial, host, writer.entries(), run.problems);
        } finally {
            (run != null ? run.ssh : ssh).close();
        }
    }

    /** The state of one capture. */
    private final class Run {
        private final CaptureRequest req;
        private SshSession ssh;
        private final BundleWriter writer;
        private final CancelToken cancel;
        private final String name;
        private final String origin;
        private final List<Manifest.Problem> problems = new ArrayList<>();
        private final List<String> prefix = new ArrayList<>();
        private final Map<String, Boolean> tools = new LinkedHashMap<>();
        private Manifest.Host host;
        private ClockProbe.Sample clock;
        private long remoteSince;
        private long remoteUntil;
        /** Tries to reconnect used so far (the policy allows as many as it has delays, for the whole capture). */
        private int triesUsed;
        /** True once an entry was stopped at the byte cap or cut by a lost connection the capture went on after. */
        private boolean incomplete;
        /** Output of compressed sources: as the commands wrote it, and as it came over the connection. */
        private long compressedPayload;
        private long compressedWire;

        Run(CaptureRequest req, SshSession ssh, BundleWriter writer, CancelToken cancel) {
            this.req = req;
            this.ssh = ssh;
            this.writer = writer;
            this.cancel = cancel;
            this.name = req.target().host();
            this.origin = "ssh://" + req.target();
        }

        void all() throws IOException, CollectException {
            writer.window(req.since(), req.until());
            if (cancel.isCancelled()) {
                return;
            }
            measureClock();
            if (cancel.isCancelled()) {
                return;
            }
            probeTools();
            step(this::journal);
            step(this::docker);
            step(this::sysstat);
        }

        private void step(Step s) throws IOException {
            if (!cancel.isCancelled()) {
                s.run();
            }
        }

        /**
         * Measures the clock. A probe cut by a lost connection is not parsed (no diagnostics from a cut output): when it
         * was the only one, what arrived of it becomes the entry, marked incomplete; else the earlier probe is kept.
         */
        private void measureClock() throws IOException, CollectException {
            report("clock", 0, 0, SourceProgress.State.RUNNING);
            ClockProbe.Measurement m = ClockProbe.measure(ssh, CLOCK_SAMPLES, cancel);
            ClockProbe.Cut cut = m.cut();
            clock = m.best();
            String path = raw("host-clock.txt");
            if (clock == null && cut != null) {
                BundleWriter.RawEntry entry = writer.begin(path, name, SourceKind.HOST_CLOCK, origin, ClockProbe.COMMAND);
                entry.write(cut.output());
                entry.abort();
                report("clock", cut.output().length, lines(cut.output()), SourceProgress.State.CUT);
                throw cut.reason();
            }
            if (clock == null) {
                report("clock", 0, 0, SourceProgress.State.CANCELLED);
                return;
            }
            writer.add(path, name, SourceKind.HOST_CLOCK, origin, ClockProbe.COMMAND, clock.exitCode(), clock.output(),
                    clock.stderr());
            report("clock", clock.output().length, lines(clock.output()),
                    cut == null ? SourceProgress.State.DONE : SourceProgress.State.CUT);
            String zone = clock.zone();
            if (zone == null) {
                zone = "+00:00";
                problem("warning", path, "the time zone of " + name + " could not be read (date +%z gave no offset); "
                        + "UTC is assumed");
            }
            if (clock.bootTime() == null) {
                problem("warning", path, "the boot time of " + name + " could not be read (no btime in /proc/stat); "
                        + "raw dmesg times need it to become wall time");
            }
            host = new Manifest.Host(name, req.target().user(), req.target().port(), zone, clock.offsetMs(),
                    clock.uncertaintyMs(), ssh.hostKeySha256(), clock.bootTime(), clock.bootId(), false);
            writer.host(host);
            remoteSince = Math.floorDiv(req.since().toEpochMilli() + clock.offsetMs(), 1000);
            remoteUntil = Math.floorDiv(req.until().toEpochMilli() + clock.offsetMs() + 999, 1000);
            LOG.info("{}: zone {}, clock offset {} ms ± {} ms, booted {} (boot {})", name, zone, clock.offsetMs(), clock.uncertaintyMs(),
                    clock.bootTime(), clock.bootId());
            if (cut != null) {
                throw new ConnectionLostException(cut.reason().getMessage() + " (probe " + cut.sample() + " of "
                        + CLOCK_SAMPLES + "; the clock is measured by the earlier one)", cut.reason());
            }
        }

        private void probeTools() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (ssh.exec(TOOLS_COMMAND, TOOLS_LABEL, out, cancel).cancelled()) {
                return;
            }
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    tools.put(line.substring(0, eq), line.substring(eq + 1).strip().equals("yes"));
                }
            }
            if (has("nice")) {
                prefix.addAll(List.of("nice", "-n", "19"));
            } else {
                problem("info", null, "nice is missing or fails on " + name + "; commands ran at normal CPU priority");
            }
            if (has("ionice")) {
                prefix.addAll(List.of("ionice", "-c3"));
            } else {
                problem("info", null, "ionice is missing or fails on " + name + "; commands ran at normal IO priority "
                        + "(install util-linux to spare a saturated disk)");
            }
        }

        private boolean has(String tool) {
            return tools.getOrDefault(tool, false);
        }

        private void journal() throws IOException {
            String path = raw("journal.json");
            if (!has("journalctl")) {
                problem("warning", path, "journalctl not found on " + name + "; the journal was not captured "
                        + "(a host without systemd: import its log files instead)");
                return;
            }
            Outcome o = resumableJournal(path);
            if (o == null) {
                return;
            }
            String err = o.result.stderr().toLowerCase(Locale.ROOT);
            if (err.contains("insufficient permissions") || err.contains("not seeing messages from other users")
                    || err.contains("no journal files were found") || err.contains("permission denied")) {
                problem("warning", path, "user " + req.target().user() + " cannot read the whole journal on " + name
                        + " (" + firstLine(o.result.stderr()) + "); grant it with: usermod -aG systemd-journal "
                        + req.target().user());
            } else if (!o.result.succeeded()) {
                problem("warning", path, "journalctl on " + name + " exited with " + o.result.exitCode() + ": "
                        + firstLine(o.result.stderr()));
            }
        }

        /**
         * Streams the journal into one entry, complete lines only. When the connection drops, the cut last line is
         * dropped and, after reconnecting, {@code journalctl --after-cursor} goes on from the {@code __CURSOR} of the
         * last complete line, so the entry holds every entry of the window once. Null when cancelled or stopped.
         */
        private Outcome resumableJournal(String path) throws IOException {
            RemoteCommand first = journalctl(null);
            BundleWriter.RawEntry entry = writer.begin(path, name, SourceKind.JOURNAL_JSON, origin, shellLine(first));
            ProgressStream progress = new ProgressStream(entry, null, "journal", true);
            JournalLines lines = new JournalLines(progress);
            StringBuilder stderr = new StringBuilder();
            RemoteCommand cmd = first;
            while (true) {
                ExecResult r;
                try {
                    r = exec(cmd, lines);
                } catch (SourceStopped e) {
                    stopped(entry, progress, "journal", path);
                    return null;
                } catch (ConnectionLostException e) {
                    lines.dropCutLine();
                    String cursor = lines.cursor();
                    if (cursor == null && lines.passedAny() && !policy.retryDelays().isEmpty()) {
                        entry.abort();
                        progress.end(SourceProgress.State.CUT);
                        throw new ConnectionLostException(e.getMessage() + "; the journal cannot be resumed (its lines "
                                + "carry no __CURSOR)", e);
                    }
                    long lostAt = System.nanoTime();
                    if (!recover(e, entry, progress)) {
                        return null;
                    }
                    long waited = Duration.ofNanos(System.nanoTime() - lostAt).toSeconds();
                    problem("warning", path, String.format(Locale.ROOT, "connection lost after %.1f MB of the journal at %s "
                            + "(%s); resumed after %d s (try %d of %d)", progress.bytes / 1e6,
                            cursor == null ? "its start" : "cursor " + cursor, e.getMessage(), waited, triesUsed,
                            policy.retryDelays().size()));
                    cmd = journalctl(cursor);
                    continue;
                } catch (IOException e) {
                    entry.abort();
                    progress.end(SourceProgress.State.FAILED);
                    throw e;
                }
                if (r.cancelled()) {
                    entry.abort();
                    progress.end(SourceProgress.State.CANCELLED);
                    return null;
                }
                stderr.append(r.stderr());
                lines.flushRest();
                Manifest.Entry e = entry.complete(r.exitCode(), stderr.toString());
                progress.end(SourceProgress.State.DONE);
                return new Outcome(e, new ExecResult(r.exitCode(), stderr.toString(), progress.bytes, r.wireBytes(), false));
            }
        }

        /** The journal of the window, or what follows {@code cursor} in it. */
        private RemoteCommand journalctl(String cursor) {
            RemoteCommand.Builder b = RemoteCommand.program("journalctl").option("-o").option("json");
            if (cursor == null) {
                b.option("--since").atEpoch(remoteSince);
            } else {
                b.option("--after-cursor").journalCursor(cursor);
            }
            return b.option("--until").atEpoch(remoteUntil).option("--no-pager").build();
        }

        /**
         * After a lost connection: the cut entry's progress says so, and the connection is made again after the next of
         * the policy's delays (each try counts for the whole capture). False when cancelled meanwhile (the entry is then
         * ended as cancelled).
         *
         * @throws ConnectionLostException when no try is left or none worked (the entry is ended as cut): "gave up after
         *                                 N tries", or {@code lost} itself when the policy allows no reconnecting
         */
        private boolean recover(ConnectionLostException lost, BundleWriter.RawEntry entry, ProgressStream progress)
                throws IOException {
            List<Duration> delays = policy.retryDelays();
            ssh.close();
            String last = null;
            while (triesUsed < delays.size()) {
                Duration wait = delays.get(triesUsed++);
                LOG.info("{}: {}; connecting again in {} s (try {} of {})", name, lost.getMessage(), wait.toSeconds(),
                        triesUsed, delays.size());
                if (!pause(wait)) {
                    entry.abort();
                    progress.end(SourceProgress.State.CANCELLED);
                    return false;
                }
                try {
                    SshSession again = SshSession.connect(req.route(), connectTimeout, silenceTimeout, cancel);
                    if (again.hostKeySha256().equals(host.hostKeySha256())) {
                        ssh = again;
                        return true;
                    }
                    again.close();
                    last = "the host key changed from " + host.hostKeySha256() + " to " + again.hostKeySha256()
                            + " between two connections; not connecting again";
                    break;
                } catch (CollectException e) {
                    if (cancel.isCancelled()) {
                        entry.abort();
                        progress.end(SourceProgress.State.CANCELLED);
                        return false;
                    }
                    last = e.getMessage();
                    LOG.info("{}: try {} to connect again failed: {}", name, triesUsed, last);
                    if (e instanceof HostKeyRejectedException) {
                        break;
                    }
                }
            }
            entry.abort();
            progress.end(SourceProgress.State.CUT);
            if (delays.isEmpty()) {
                throw lost;
            }
            throw new ConnectionLostException(lost.getMessage() + "; gave up after " + triesUsed + " tries to connect again"
                    + (last == null ? "" : " (last: " + last + ")"), lost);
        }

        /** Waits, or less when cancelled; false when cancelled. */
        private boolean pause(Duration wait) throws IOException {
            CountDownLatch woken = new CountDownLatch(1);
            try (CancelToken.Registration r = cancel.onCancel(woken::countDown)) {
                woken.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to connect again", e);
            }
            return !cancel.isCancelled();
        }

        /** The command line sent for {@code command}: under the priority prefix, and compressed when it can be. */
        private String shellLine(RemoteCommand command) {
            RemoteCommand full = command.after(prefix);
            return compressing() ? full.toShellGzipped(prefix) : full.toShell();
        }

        private boolean compressing() {
            return policy.compress() && has("gzip");
        }

        /** Runs one source command; a compressed one's exit status and stderr are read back from its stderr. */
        private ExecResult exec(RemoteCommand command, OutputStream out) throws IOException {
            boolean gz = compressing();
            if (!gz) {
                return ssh.exec(shellLine(command), command.brief(), out, cancel, false);
            }
            SshSession on = ssh;
            long wireBefore = on.stdoutWireBytes();
            long[] payload = new long[1];
            OutputStream counted = new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    payload[0] += len;
                }
            };
            ExecResult r;
            try {
                r = on.exec(shellLine(command), command.brief(), counted, cancel, true);
            } finally {
                compressedPayload += payload[0];
                compressedWire += on.stdoutWireBytes() - wireBefore;
            }
            if (r.cancelled()) {
                return r;
            }
            RemoteCommand.Status st = RemoteCommand.exitStatus(r.stderr(), r.exitCode());
            return new ExecResult(st.exitCode(), st.stderr(), r.bytes(), r.wireBytes(), false);
        }

        /** An info diagnostic with what compressing saved, when it was used. */
        void compressionNote() {
            if (compressedPayload > 0) {
                problem("info", null, String.format(Locale.ROOT, "output compressed on %s with gzip -1: %.1f MB of output "
                        + "came over the connection as %.1f MB", name, compressedPayload / 1e6, compressedWire / 1e6));
            } else if (policy.compress() && !tools.isEmpty() && !has("gzip")) {
                problem("info", null, "gzip not found on " + name + "; the output came over the connection uncompressed");
            }
        }

        /** A source stopped at the byte cap: the entry keeps what arrived, marked incomplete, and the capture goes on. */
        private void stopped(BundleWriter.RawEntry entry, ProgressStream progress, String source, String path)
                throws IOException {
            entry.abort();
            progress.end(SourceProgress.State.STOPPED);
            incomplete = true;
            long mb = policy.maxSourceBytes() >> 20;
            problem("warning", path, source + " on " + name + " stopped at " + mb + " MB (the byte cap per source, "
                    + "--max-source-mb " + mb + "); the entry keeps its first " + mb + " MB, marked incomplete: narrow the "
                    + "window or raise the cap for the rest");
        }

        private void docker() throws IOException {
            String psPath = raw("docker-ps.jsonl");
            if (!has("docker")) {
                problem("warning", psPath, "docker not found on " + name + "; no container data was captured");
                return;
            }
            ByteArrayOutputStream psCopy = new ByteArrayOutputStream();
            RemoteCommand ps = RemoteCommand.program("docker").option("ps").option("-a").option("--no-trunc")
                    .option("--format").literal("{{json .}}").build();
            Outcome o = source("docker-ps", psPath, SourceKind.DOCKER_PS, ps, psCopy);
            if (o == null || dockerFailed(o, psPath)) {
                return;
            }
            List<String> ids = containerIds(psCopy.toByteArray(), psPath);
            if (!ids.isEmpty() && !cancel.isCancelled()) {
                RemoteCommand.Builder inspect = RemoteCommand.program("docker").option("inspect");
                ids.forEach(inspect::containerId);
                String path = raw("docker-inspect.json");
                Outcome io = source("docker-inspect", path, SourceKind.DOCKER_INSPECT, inspect.build(), null);
                if (io != null && !io.result.succeeded()) {
                    problem("warning", path, "docker inspect on " + name + " exited with " + io.result.exitCode()
                            + " (a container removed since docker ps?): " + firstLine(io.result.stderr()));
                }
            }
            if (cancel.isCancelled()) {
                return;
            }
            String evPath = raw("docker-events.jsonl");
            long remoteNow = Math.floorDiv(Instant.now().toEpochMilli() + clock.offsetMs() + clock.uncertaintyMs() + 999, 1000);
            long until = Math.min(remoteUntil, remoteNow);
            if (until <= remoteSince) {
                problem("info", evPath, "the window lies in the future on " + name + "; no docker events to read");
                return;
            }
            RemoteCommand events = RemoteCommand.program("docker").option("events").option("--since").integer(remoteSince)
                    .option("--until").integer(until).option("--format").literal("{{json .}}").build();
            Outcome eo = source("docker-events", evPath, SourceKind.DOCKER_EVENTS, events, null);
            if (eo != null && !eo.result.succeeded()) {
                problem("warning", evPath, "docker events on " + name + " exited with " + eo.result.exitCode() + ": "
                        + firstLine(eo.result.stderr()));
            }
        }

        private boolean dockerFailed(Outcome o, String path) {
            if (o.result.succeeded()) {
                return false;
            }
            String err = o.result.stderr().toLowerCase(Locale.ROOT);
            if (err.contains("permission denied")) {
                problem("warning", path, "user " + req.target().user() + " may not use the Docker socket on " + name
                        + " (" + firstLine(o.result.stderr()) + "); grant it with: usermod -aG docker "
                        + req.target().user() + " (docker inspect and events were not captured)");
            } else if (err.contains("cannot connect to the docker daemon") || err.contains("is the docker daemon running")) {
                problem("warning", path, "the Docker daemon on " + name + " is not running or not reachable ("
                        + firstLine(o.result.stderr()) + "); docker inspect and events were not captured");
            } else {
                problem("warning", path, "docker ps on " + name + " exited with " + o.result.exitCode() + ": "
                        + firstLine(o.result.stderr()) + "; docker inspect and events were not captured");
            }
            return true;
        }

        private List<String> containerIds(byte[] psOutput, String path) {
            Set<String> ids = new LinkedHashSet<>();
            String[] lines = new String(psOutput, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String id = null;
                try {
                    JsonNode n = Json.mapper().readTree(lines[i]);
                    id = n.path("ID").asText("");
                } catch (IOException e) {
                    problem("warning", path, path + " line " + (i + 1) + ": not JSON (" + e.getMessage() + ")");
                }
                if (id != null && CONTAINER_ID.matcher(id).matches()) {
                    ids.add(id);
                } else if (id != null) {
                    problem("warning", path, path + " line " + (i + 1) + ": no valid container ID ('" + id + "')");
                }
            }
            return List.copyOf(ids);
        }

        private void sysstat() throws IOException {
            if (!has("sadf")) {
                problem("warning", raw("sadf"), "sadf not found on " + name + "; no disk IO history was captured "
                        + "(install sysstat and enable it: ENABLED=\"true\" in /etc/default/sysstat)");
                return;
            }
            ZoneId zone = ZoneId.of(host.zone());
            LocalDate first = Instant.ofEpochSecond(remoteSince).atZone(zone).toLocalDate();
            LocalDate last = Instant.ofEpochSecond(remoteUntil).atZone(zone).toLocalDate();
            Map<LocalDate, List<String>> candidates = new LinkedHashMap<>();
            RemoteCommand.Builder ls = RemoteCommand.program("ls").option("-1d").option("--");
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                if (candidates.size() >= 31) {
                    problem("warning", raw("sadf"), "the window spans more than 31 days; sysstat day files after "
                            + d.minusDays(1) + " were not read (saDD names repeat every month)");
                    break;
                }
                List<String> paths = new ArrayList<>();
                for (String dir : List.of("/var/log/sysstat/", "/var/log/sa/")) {
                    paths.add(dir + "sa" + String.format(Locale.ROOT, "%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
                    paths.add(dir + "sa" + String.format(Locale.ROOT, "%02d", d.getDayOfMonth()));
                }
                paths.forEach(ls::path);
                candidates.put(d, paths);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RemoteCommand list = ls.build();
            if (ssh.exec(list.toShell(), list.brief(), out, cancel).cancelled()) {
                return;
            }
            Set<String> present = new LinkedHashSet<>(List.of(out.toString(StandardCharsets.UTF_8).split("\n")));
            for (Map.Entry<LocalDate, List<String>> day : candidates.entrySet()) {
                if (cancel.isCancelled()) {
                    return;
                }
                String file = day.getValue().stream().filter(present::contains).findFirst().orElse(null);
                String dd = String.format(Locale.ROOT, "%02d", day.getKey().getDayOfMonth());
                if (file == null) {
                    problem("warning", raw("sadf-sa" + dd + ".json"), "no sysstat file for " + day.getKey() + " on " + name
                            + " (looked for /var/log/sysstat/sa" + dd + " and /var/log/sa/sa" + dd + "); sysstat was not "
                            + "collecting that day");
                    continue;
                }
                String path = raw("sadf-" + file.substring(file.lastIndexOf('/') + 1) + ".json");
                RemoteCommand.Builder sadf = RemoteCommand.program("sadf").option("-j");
                dayBounds(day.getKey(), zone).forEach(sadf::option);
                sadf.path(file).option("--").option("-d").option("-p");
                Outcome o = source("sadf " + file.substring(file.lastIndexOf('/') + 1), path, SourceKind.SADF_JSON, sadf.build(), null);
                if (o != null && !o.result.succeeded()) {
                    problem("warning", path, "sadf on " + name + " exited with " + o.result.exitCode() + " for " + file
                            + ": " + firstLine(o.result.stderr()));
                }
            }
        }

        /**
         * {@code -s HH:MM:SS -e HH:MM:SS} for the window (widened by {@link #SYSSTAT_MARGIN_SECONDS} for the
         * samples that straddle its edges) within one day file. sadf compares these in UTC, the zone it prints
         * in; when that part of the day spans UTC midnight no single range fits, and the whole file is read.
         */
        private List<String> dayBounds(LocalDate day, ZoneId zone) {
            long dayStart = day.atStartOfDay(zone).toEpochSecond();
            long dayEnd = day.plusDays(1).atStartOfDay(zone).toEpochSecond() - 1;
            LocalDateTime from = LocalDateTime.ofEpochSecond(Math.max(remoteSince - SYSSTAT_MARGIN_SECONDS, dayStart), 0, ZoneOffset.UTC);
            LocalDateTime to = LocalDateTime.ofEpochSecond(Math.min(remoteUntil + SYSSTAT_MARGIN_SECONDS, dayEnd), 0, ZoneOffset.UTC);
            if (!from.toLocalDate().equals(to.toLocalDate())) {
                return List.of();
            }
            DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
            return List.of("-s", from.format(hms), "-e", to.format(hms));
        }

        /**
         * Runs one command into one raw entry; null when it did not finish (the entry is kept, incomplete): cancelled,
         * stopped at the byte cap, or cut by a lost connection, after which the connection is made again and the
         * capture goes on with the next source (a cut source is not run again: its entry keeps what arrived).
         */
        private Outcome source(String source, String path, SourceKind kind, RemoteCommand command, OutputStream copy)
                throws IOException {
            BundleWriter.RawEntry entry = writer.begin(path, name, kind, origin, shellLine(command));
            ProgressStream out = new ProgressStream(entry, copy, source, false);
            ExecResult r;
            try {
                r = exec(command, out);
            } catch (SourceStopped e) {
                stopped(entry, out, source, path);
                return null;
            } catch (ConnectionLostException e) {
                long lostAt = System.nanoTime();
                if (recover(e, entry, out)) {
                    entry.abort();
                    out.end(SourceProgress.State.CUT);
                    incomplete = true;
                    problem("warning", path, String.format(Locale.ROOT, "connection lost after %.1f MB of %s (%s); the "
                                    + "entry keeps what arrived, marked incomplete; connected again after %d s (try %d of %d) "
                                    + "and went on with the next source", out.bytes / 1e6, source, e.getMessage(),
                            Duration.ofNanos(System.nanoTime() - lostAt).toSeconds(), triesUsed, policy.retryDelays().size()));
                }
                return null;
            } catch (IOException e) {
                entry.abort();
                out.end(SourceProgress.State.FAILED);
                throw e;
            }
            if (r.cancelled()) {
                entry.abort();
                out.end(SourceProgress.State.CANCELLED);
                return null;
            }
            Manifest.Entry e = entry.complete(r.exitCode(), r.stderr());
            out.end(SourceProgress.State.DONE);
            return new Outcome(e, r);
        }

        private String raw(String file) {
            return "raw/" + req.target().entryName() + "/" + file;
        }

        void problem(String level, String entry, String reason) {
            problems.add(new Manifest.Problem(level, entry, reason));
            writer.problem(level, entry, reason);
        }

        private void report(String source, long bytes, long lines, SourceProgress.State state) {
            SourceProgress p = new SourceProgress(name, source, bytes, lines, state);
            listenerExecutor.execute(() -> listener.progress(p));
        }

        /**
         * Counts bytes and lines into the entry; reports the first bytes at once, then at most every 100 ms. At the
         * policy's byte cap it writes what fits and throws {@link SourceStopped}.
         */
        private final class ProgressStream extends OutputStream {
            private final OutputStream target;
            private final OutputStream copy;
            private final String source;
            private long bytes;
            private long lines;
            private final boolean wholeLines;
            private long lastReport = System.nanoTime();

            /** @param wholeLines at the byte cap, end after the last whole line that fits */
            ProgressStream(OutputStream target, OutputStream copy, String source, boolean wholeLines) {
                this.target = target;
                this.copy = copy;
                this.source = source;
                this.wholeLines = wholeLines;
                report(source, 0, 0, SourceProgress.State.RUNNING);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                long room = policy.maxSourceBytes() - bytes;
                if (len > room) {
                    int keep = (int) Math.max(0, room);
                    if (wholeLines) {
                        while (keep > 0 && b[off + keep - 1] != '\n') {
                            keep--;
                        }
                    }
                    if (keep > 0) {
                        write(b, off, keep);
                    }
                    throw new SourceStopped(source + " reached the byte cap of " + policy.maxSourceBytes() + " bytes");
                }
                target.write(b, off, len);
                if (copy != null) {
                    copy.write(b, off, len);
                }
                bytes += len;
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        lines++;
                    }
                }
                long now = System.nanoTime();
                if (bytes == len || now - lastReport >= PROGRESS_EVERY_NANOS) {
                    lastReport = now;
                    report(source, bytes, lines, SourceProgress.State.RUNNING);
                }
            }

            void end(SourceProgress.State state) {
                report(source, bytes, lines, state);
            }
        }
    }

    private record Outcome(Manifest.Entry entry, ExecResult result) {
    }

    /** Thrown into the stream of a source that reached the byte cap, to stop it. */
    private static final class SourceStopped extends IOException {
        SourceStopped(String message) {
            super(message);
        }
    }

    /**
     * Passes on complete journal lines only and remembers the {@code __CURSOR} of the last one, where the journal can
     * resume from; a line cut by a lost connection is held back and then dropped.
     */
    private static final class JournalLines extends OutputStream {
        private static final byte[] CURSOR_KEY = "\"__CURSOR\":\"".getBytes(StandardCharsets.US_ASCII);
        private final OutputStream target;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private String cursor;
        private boolean passedAny;

        JournalLines(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int last = off + len - 1;
            while (last >= off && b[last] != '\n') {
                last--;
            }
            if (last < off) {
                held.write(b, off, len);
                return;
            }
            // the complete lines go on in one write, the held start of the first one with them, so that a byte cap
            // downstream that keeps whole lines never keeps the start of a line without its end
            byte[] lines;
            int from;
            int to;
            if (held.size() > 0) {
                held.write(b, off, last + 1 - off);
                lines = held.toByteArray();
                held.reset();
                from = 0;
                to = lines.length - 1;
            } else {
                lines = b;
                from = off;
                to = last;
            }
            int lineStart = to - 1;
            while (lineStart >= from && lines[lineStart] != '\n') {
                lineStart--;
            }
            String c = cursorOf(Arrays.copyOfRange(lines, lineStart + 1, to));
            passedAny = true;
            target.write(lines, from, to + 1 - from);
            cursor = c;
            held.write(b, last + 1, off + len - last - 1);
        }

        /** The cursor of the last complete line, or null when none has come (or it had none). */
        String cursor() {
            return cursor;
        }

        /** True once a complete line was passed on. */
        boolean passedAny() {
            return passedAny;
        }

        /** Drops the line cut by a lost connection. */
        void dropCutLine() {
            held.reset();
        }

        /** Passes on what is held (a last line without a newline, as a finished command may write). */
        void flushRest() throws IOException {
            if (held.size() > 0) {
                target.write(held.toByteArray());
                held.reset();
            }
        }

        private static String cursorOf(byte[] line) {
            int at = indexOf(line, CURSOR_KEY);
            if (at < 0) {
                return null;
            }
            int from = at + CURSOR_KEY.length;
            int to = from;
            while (to < line.length && line[to] != '"') {
                to++;
            }
            return to < line.length ? new String(line, from, to - from, StandardCharsets.US_ASCII) : null;
        }

        private static int indexOf(byte[] hay, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (hay[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    private static long lines(byte[] b) {
        long n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? "no message" : nl < 0 ? t : t.substring(0, nl);
    }
}
