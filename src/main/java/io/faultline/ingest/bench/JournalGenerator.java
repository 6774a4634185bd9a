package io.faultline.ingest.bench;

import io.faultline.capture.CountingOutputStream;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;

/**
 * Writes the same journal entries three ways: {@code journalctl -o json} (one object a line), {@code -o export}
 * and {@code -o short} (as {@code journalctl} prints it with {@code TZ=UTC}), deterministically from a seed.
 * The mix is a real incident's: a runc mount unit deactivated every 30 s per container, SSH password guessing from a
 * handful of addresses, cron, kernel lines, dockerd's logrus lines and container output through the journald log
 * driver ({@code CONTAINER_ID}, {@code CONTAINER_NAME} ...). An entry carries the usual trusted fields
 * ({@code __CURSOR}, {@code _BOOT_ID}, {@code _CMDLINE}, {@code _SYSTEMD_CGROUP} ...), about 1 KB of JSON each.
 * Messages are one line, so each format holds exactly one record per entry.
 */
public final class JournalGenerator {
    /** 2025-10-05T15:00:00Z in microseconds: where the generated journal starts. */
    public static final long START_MICROS = 1_759_676_400_000_000L;
    private static final String HOST = "ubuntu";
    private static final String[] CONTAINERS = {"web", "api", "worker", "db"};
    private static final String[] ATTACKERS = {"203.0.113.10", "203.0.113.17", "198.51.100.23", "198.51.100.77", "192.0.2.41"};
    private static final String[] USERS = {"root", "admin", "oracle", "test", "ubuntu", "git", "postgres"};
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final long RUNC_EVERY_MICROS = 30_000_000L;
    private static final JsonFactory JSON = new JsonFactory();

    private final SplittableRandom random;
    private final String bootId;
    private final String machineId;
    private final String seqnumId;
    private final String[] containerIds;
    private final long[] runcDue;
    private final long bootMicros;
    private long now = START_MICROS;
    private long seq = 1;

    /** What was written: the three files and the number of entries each holds. */
    public record Files3(Path json, Path export, Path shortText, long entries, long firstMicros, long lastMicros) {
    }

    /** A journal JSON file of {@code entries} lines, {@code bytes} long. */
    public record JsonFile(Path path, long entries, long bytes, long firstMicros, long lastMicros) {
    }

    public JournalGenerator(long seed) {
        random = new SplittableRandom(seed);
        bootId = hex(32);
        machineId = hex(32);
        seqnumId = hex(32);
        containerIds = new String[CONTAINERS.length];
        runcDue = new long[CONTAINERS.length];
        for (int i = 0; i < containerIds.length; i++) {
            containerIds[i] = hex(64);
            runcDue[i] = START_MICROS + random.nextLong(RUNC_EVERY_MICROS);
        }
        bootMicros = START_MICROS - 86_400_000_000L - random.nextLong(3_600_000_000L);
    }

    /**
     * Writes entries until the JSON file holds at least {@code jsonBytes} bytes; files are named
     * {@code <stem>.json}, {@code <stem>.export} and {@code <stem>.short} in {@code dir}.
     */
    public Files3 write(Path dir, String stem, long jsonBytes) throws IOException {
        Path json = dir.resolve(stem + ".json");
        Path export = dir.resolve(stem + ".export");
        Path shortText = dir.resolve(stem + ".short");
        try (CountingOutputStream jsonOut = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(json), 1 << 20));
             OutputStream exportOut = new BufferedOutputStream(Files.newOutputStream(export), 1 << 20);
             OutputStream shortOut = new BufferedOutputStream(Files.newOutputStream(shortText), 1 << 20)) {
            Run run = emit(jsonOut, exportOut, shortOut, n -> jsonOut.count() < jsonBytes);
            return new Files3(json, export, shortText, run.entries, run.firstMicros, now);
        }
    }

    /** Writes exactly {@code entries} entries as journal JSON lines ({@code journalctl -o json}) to {@code file}. */
    public JsonFile writeJsonLines(Path file, long entries) throws IOException {
        try (CountingOutputStream jsonOut = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            Run run = emit(jsonOut, null, null, n -> n < entries);
            return new JsonFile(file, run.entries, jsonOut.count(), run.firstMicros, now);
        }
    }

    private record Run(long entries, long firstMicros) {
    }

    /** Writes entries while {@code more} holds for the count written so far; export and short only when given. */
    private Run emit(CountingOutputStream json, OutputStream export, OutputStream shortText, LongPredicate more) throws IOException {
        long first = now;
        long count = 0;
        while (more.test(count)) {
            List<String[]> entry = next();
            if (count == 0) {
                first = now;
            }
            writeJson(entry, json);
            if (export != null) {
                writeExport(entry, export);
            }
            if (shortText != null) {
                writeShort(entry, shortText);
            }
            count++;
        }
        return new Run(count, first);
    }

    /** The next entry: its fields in journalctl's order, each a name and a value. */
    List<String[]> next() {
        now += 1 + random.nextLong(9_000);
        for (int c = 0; c < runcDue.length; c++) {
            if (runcDue[c] <= now) {
                long at = runcDue[c];
                runcDue[c] += RUNC_EVERY_MICROS + random.nextLong(-200_000, 200_000);
                return runc(c, at);
            }
        }
        int pick = random.nextInt(100);
        if (pick < 35) {
            return container(random.nextInt(CONTAINERS.length));
        }
        if (pick < 65) {
            return sshd();
        }
        if (pick < 80) {
            return dockerd();
        }
        if (pick < 90) {
            return cron();
        }
        return kernel();
    }

    private List<String[]> runc(int c, long at) {
        String unit = "run-docker-runtime\\x2drunc-moby-" + containerIds[c] + "-runc." + token(6) + ".mount";
        List<String[]> e = head(at, "6", "3", "systemd", "1", "0", "0", "systemd", "/usr/lib/systemd/systemd",
                "/sbin/init splash", "/init.scope", "init.scope", "journal");
        e.add(new String[] {"CODE_FILE", "src/core/unit.c"});
        e.add(new String[] {"CODE_LINE", "5842"});
        e.add(new String[] {"CODE_FUNC", "unit_log_success"});
        e.add(new String[] {"MESSAGE_ID", "7ad2d189f7e94e70a38c781354912448"});
        e.add(new String[] {"UNIT", unit});
        e.add(new String[] {"INVOCATION_ID", hex(32)});
        e.add(new String[] {"MESSAGE", unit + ": Deactivated successfully."});
        return e;
    }

    private List<String[]> sshd() {
        String pid = Integer.toString(1_300_000 + random.nextInt(90_000));
        String from = ATTACKERS[random.nextInt(ATTACKERS.length)];
        String user = USERS[random.nextInt(USERS.length)];
        int port = 30_000 + random.nextInt(30_000);
        String message = switch (random.nextInt(4)) {
            case 0 -> "Failed password for invalid user " + user + " from " + from + " port " + port + " ssh2";
            case 1 -> "Invalid user " + user + " from " + from + " port " + port;
            case 2 -> "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + from + "  user=" + user;
            default -> "Connection closed by invalid user " + user + " " + from + " port " + port + " [preauth]";
        };
        List<String[]> e = head(now, random.nextInt(3) == 0 ? "5" : "6", "4", "sshd", pid, "0", "0", "sshd", "/usr/sbin/sshd",
                "sshd: " + user + " [priv]", "/system.slice/ssh.service", "ssh.service", "syslog");
        e.add(new String[] {"SYSLOG_TIMESTAMP", SHORT.format(Instant.ofEpochSecond(now / 1_000_000)) + " "});
        e.add(new String[] {"MESSAGE", message});
        return e;
    }

    private List<String[]> dockerd() {
        String[] levels = {"info", "warning", "error"};
        String level = levels[random.nextInt(10) < 7 ? 0 : random.nextInt(10) < 7 ? 1 : 2];
        int c = random.nextInt(CONTAINERS.length);
        String msg = switch (random.nextInt(3)) {
            case 0 -> "ignoring event\" container=" + containerIds[c] + " module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete";
            case 1 -> "Health check for container " + containerIds[c] + " error: timed out starting health check for container " + containerIds[c];
            default -> "stream copy error: reading from a closed fifo";
        };
        String message = "time=\"" + Instant.ofEpochSecond(now / 1_000_000, now % 1_000_000 * 1000 + random.nextInt(1000))
                + "\" level=" + level + " msg=\"" + msg + "\"";
        List<String[]> e = head(now, "error".equals(level) ? "3" : "6", "3", "dockerd", "1067", "0", "0", "dockerd",
                "/usr/bin/dockerd", "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock",
                "/system.slice/docker.service", "docker.service", "stdout");
        e.add(new String[] {"_STREAM_ID", hex(32)});
        e.add(new String[] {"MESSAGE", message});
        return e;
    }

    private List<String[]> container(int c) {
        String id = containerIds[c];
        String message = switch (random.nextInt(3)) {
            case 0 -> "172.17.0.1 - - [05/Oct/2025:15:" + two(random.nextInt(60)) + ":" + two(random.nextInt(60))
                    + " +0000] \"GET /api/v1/items/" + random.nextInt(100_000) + " HTTP/1.1\" 200 " + random.nextInt(50_000)
                    + " \"-\" \"curl/8.5.0\"";
            case 1 -> "worker " + random.nextInt(16) + ": processed batch " + random.nextLong(1_000_000) + " in "
                    + random.nextInt(5000) + " ms (queue depth " + random.nextInt(300) + ")";
            default -> "WARN slow write to /data/" + CONTAINERS[c] + "/wal." + random.nextInt(1000) + ": fsync took "
                    + random.nextInt(30_000) + " ms";
        };
        List<String[]> e = head(now, message.startsWith("WARN") ? "4" : "6", "3", id.substring(0, 12), "1067", "0", "0",
                "dockerd", "/usr/bin/dockerd", "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock",
                "/system.slice/docker.service", "docker.service", "journal");
        e.add(new String[] {"CONTAINER_ID", id.substring(0, 12)});
        e.add(new String[] {"CONTAINER_ID_FULL", id});
        e.add(new String[] {"CONTAINER_NAME", CONTAINERS[c]});
        e.add(new String[] {"CONTAINER_TAG", id.substring(0, 12)});
        e.add(new String[] {"IMAGE_NAME", "registry.example.com/" + CONTAINERS[c] + ":2025.10"});
        e.add(new String[] {"MESSAGE", message});
        return e;
    }

    private List<String[]> cron() {
        String pid = Integer.toString(1_400_000 + random.nextInt(50_000));
        List<String[]> e = head(now, "6", "9", "CRON", pid, "0", "0", "cron", "/usr/sbin/cron", "/usr/sbin/CRON -f -P",
                "/system.slice/cron.service", "cron.service", "syslog");
        e.add(new String[] {"MESSAGE", random.nextBoolean() ? "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)"
                : "pam_unix(cron:session): session opened for user root(uid=0) by root(uid=0)"});
        return e;
    }

    private List<String[]> kernel() {
        List<String[]> e = new ArrayList<>();
        common(e, now);
        e.add(new String[] {"_TRANSPORT", "kernel"});
        e.add(new String[] {"PRIORITY", random.nextBoolean() ? "3" : "4"});
        e.add(new String[] {"SYSLOG_FACILITY", "0"});
        e.add(new String[] {"SYSLOG_IDENTIFIER", "kernel"});
        e.add(new String[] {"_KERNEL_SUBSYSTEM", "block"});
        e.add(new String[] {"_KERNEL_DEVICE", "b252:0"});
        e.add(new String[] {"_SOURCE_MONOTONIC_TIMESTAMP", Long.toString(now - bootMicros - 1000)});
        e.add(new String[] {"MESSAGE", random.nextBoolean()
                ? "INFO: task jbd2/vda1-8:" + (300 + random.nextInt(50)) + " blocked for more than 120 seconds."
                : "EXT4-fs warning (device vda1): ext4_end_bio:" + (340 + random.nextInt(20)) + ": I/O error 10 writing to inode "
                        + random.nextInt(2_000_000) + " starting block " + random.nextLong(100_000_000) + ")"});
        return e;
    }

    private List<String[]> head(long at, String priority, String facility, String identifier, String pid, String uid, String gid,
                                String comm, String exe, String cmdline, String cgroup, String unit, String transport) {
        List<String[]> e = new ArrayList<>();
        common(e, at);
        e.add(new String[] {"_TRANSPORT", transport});
        e.add(new String[] {"PRIORITY", priority});
        e.add(new String[] {"SYSLOG_FACILITY", facility});
        e.add(new String[] {"SYSLOG_IDENTIFIER", identifier});
        e.add(new String[] {"_PID", pid});
        e.add(new String[] {"_UID", uid});
        e.add(new String[] {"_GID", gid});
        e.add(new String[] {"_COMM", comm});
        e.add(new String[] {"_EXE", exe});
        e.add(new String[] {"_CMDLINE", cmdline});
        e.add(new String[] {"_CAP_EFFECTIVE", "1ffffffffff"});
        e.add(new String[] {"_SELINUX_CONTEXT", "unconfined\n"});
        e.add(new String[] {"_SYSTEMD_CGROUP", cgroup});
        e.add(new String[] {"_SYSTEMD_UNIT", unit});
        e.add(new String[] {"_SYSTEMD_SLICE", "init.scope".equals(unit) ? "-.slice" : "system.slice"});
        e.add(new String[] {"_SYSTEMD_INVOCATION_ID", hex(32)});
        e.add(new String[] {"_SOURCE_REALTIME_TIMESTAMP", Long.toString(at - random.nextInt(500))});
        return e;
    }

    private void common(List<String[]> e, long at) {
        long mono = at - bootMicros;
        long s = seq++;
        e.add(new String[] {"__CURSOR", "s=" + seqnumId + ";i=" + Long.toHexString(s) + ";b=" + bootId + ";m="
                + Long.toHexString(mono) + ";t=" + Long.toHexString(at) + ";x=" + Long.toHexString(random.nextLong())});
        e.add(new String[] {"__REALTIME_TIMESTAMP", Long.toString(at)});
        e.add(new String[] {"__MONOTONIC_TIMESTAMP", Long.toString(mono)});
        e.add(new String[] {"__SEQNUM", Long.toString(s)});
        e.add(new String[] {"__SEQNUM_ID", seqnumId});
        e.add(new String[] {"_BOOT_ID", bootId});
        e.add(new String[] {"_MACHINE_ID", machineId});
        e.add(new String[] {"_HOSTNAME", HOST});
        e.add(new String[] {"_RUNTIME_SCOPE", "system"});
    }

    private static void writeJson(List<String[]> entry, OutputStream out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.writeStartObject();
        for (String[] f : entry) {
            g.writeStringField(f[0], f[1]);
        }
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    /** Text fields as {@code NAME=value}; a value holding a newline in the binary form, as journalctl writes it. */
    private static void writeExport(List<String[]> entry, OutputStream out) throws IOException {
        for (String[] f : entry) {
            out.write(f[0].getBytes(StandardCharsets.US_ASCII));
            byte[] v = f[1].getBytes(StandardCharsets.UTF_8);
            if (f[1].indexOf('\n') >= 0) {
                out.write('\n');
                for (int i = 0; i < 8; i++) {
                    out.write((int) ((long) v.length >>> (8 * i)) & 0xff);
                }
            } else {
                out.write('=');
            }
            out.write(v);
            out.write('\n');
        }
        out.write('\n');
    }

    /** {@code Oct 05 15:00:25 ubuntu ident[pid]: message}, as journalctl -o short prints it in UTC. */
    private static void writeShort(List<String[]> entry, OutputStream out) throws IOException {
        long micros = Long.parseLong(field(entry, "__REALTIME_TIMESTAMP"));
        String pid = field(entry, "_PID");
        String line = SHORT.format(Instant.ofEpochSecond(micros / 1_000_000)) + " " + field(entry, "_HOSTNAME") + " "
                + field(entry, "SYSLOG_IDENTIFIER") + (pid == null ? "" : "[" + pid + "]") + ": " + field(entry, "MESSAGE") + "\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
    }

    static String field(List<String[]> entry, String name) {
        for (String[] f : entry) {
            if (f[0].equals(name)) {
                return f[1];
            }
        }
        return null;
    }

    private String hex(int digits) {
        byte[] b = new byte[digits / 2];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String token(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
