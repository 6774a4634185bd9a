package io.faultline.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process as Linux reports it in {@code /proc/PID/status}: {@code VmHWM}, the peak resident set
 * since the process started, and {@code VmRSS}, the resident set now.
 */
final class ProcMemory {
    private ProcMemory() {
    }

    /** Peak resident bytes of {@code pid}; -1 when unreadable (not Linux, or the process has gone). */
    static long peakRss(long pid) {
        return field(pid, "VmHWM:");
    }

    /** Resident bytes of {@code pid} now; -1 when unreadable. */
    static long rss(long pid) {
        return field(pid, "VmRSS:");
    }

    static long self() {
        return ProcessHandle.current().pid();
    }

    private static long field(long pid, String name) {
        String status;
        try {
            status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return -1;
        }
        int at = status.indexOf(name);
        if (at < 0) {
            return -1;
        }
        int end = status.indexOf('\n', at);
        String value = status.substring(at + name.length(), end < 0 ? status.length() : end).strip();
        if (!value.endsWith(" kB")) {
            return -1;
        }
        return Long.parseLong(value.substring(0, value.length() - 3).strip()) * 1024;
    }
}
