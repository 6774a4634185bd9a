package io.faultline.timeline;

import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A deterministic mix of journal-like events on a few hosts, out of time order, for the scale tests. */
final class GeneratedEvents {
    static final long START = 1_759_676_400_000_000_000L;
    private static final String[] HOSTS = {"web1", "web2", "db1"};
    private static final String[] UNITS = {"ssh.service", "docker.service", "cron.service", null};
    private static final String[] IDENTS = {"sshd", "dockerd", "CRON", "kernel"};
    private static final String[] CONTAINERS = {null, null, "4f2a9c1e0b7d", "8be01f3c2d9a"};
    private static final String[] USERS = {"root", "Admin", "oracle", "git"};

    private GeneratedEvents() {
    }

    static List<Event> generate(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(4);
            String message = switch (kind) {
                case 0 -> (r.nextBoolean() ? "Failed password" : "failed PASSWORD") + " for invalid user " + USERS[r.nextInt(4)]
                        + " from 203.0.113." + r.nextInt(256) + " port " + (30_000 + r.nextInt(30_000)) + " ssh2";
                case 1 -> "Health check for container " + CONTAINERS[2 + r.nextInt(2)] + " error: timed out";
                case 2 -> "(root) CMD (debian-sa1 1 1) run " + r.nextInt(1000);
                default -> "EXT4-fs warning (device vda1): I/O error 10 writing to inode " + r.nextInt(2_000_000);
            };
            long t = START + r.nextLong(3_600_000_000_000L);
            out.add(new Event("g" + i, t, "", HOSTS[r.nextInt(HOSTS.length)], r.nextInt(10) == 0 ? "syslog" : "journal-json",
                    UNITS[kind], IDENTS[kind], Severity.values()[r.nextInt(Severity.values().length)], message,
                    kind == 1 ? CONTAINERS[2 + r.nextInt(2)] : null, false, null, null));
        }
        return out;
    }
}
