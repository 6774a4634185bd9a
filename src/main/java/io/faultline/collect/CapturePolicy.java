package io.faultline.collect;

import java.time.Duration;
import java.util.List;

/**
 * How gently and how stubbornly a capture works.
 *
 * @param maxSourceBytes a source that sends more than this many bytes is stopped there (its entry kept, incomplete)
 * @param retryDelays    after a lost connection: the waits before each new try to connect (their number is the
 *                       number of tries for the whole capture); empty: no reconnecting
 * @param compress       pipe each source through {@code gzip -1} on the server when it has gzip
 */
public record CapturePolicy(long maxSourceBytes, List<Duration> retryDelays, boolean compress) {
    /** 512 MiB per source; reconnect after 1, 2 and 4 s; compressed. */
    public static final CapturePolicy DEFAULT = new CapturePolicy(512L << 20,
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), true);

    public CapturePolicy {
        if (maxSourceBytes <= 0) {
            throw new IllegalArgumentException("the byte cap per source must be positive, not " + maxSourceBytes);
        }
        retryDelays = List.copyOf(retryDelays);
    }

    public CapturePolicy withMaxSourceBytes(long bytes) {
        return new CapturePolicy(bytes, retryDelays, compress);
    }

    public CapturePolicy withRetryDelays(List<Duration> delays) {
        return new CapturePolicy(maxSourceBytes, delays, compress);
    }

    public CapturePolicy withCompress(boolean on) {
        return new CapturePolicy(maxSourceBytes, retryDelays, on);
    }
}
