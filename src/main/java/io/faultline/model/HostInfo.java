package io.faultline.model;

/**
 * A host of the incident. {@code zone} is an IANA zone id (or an offset such as +08:00);
 * {@code clockOffsetMs} is remote clock minus local clock, measured around an SSH round trip,
 * with half the round trip as {@code offsetUncertaintyMs}. Imported files carry offset 0.
 */
public record HostInfo(String name, String zone, long clockOffsetMs, long offsetUncertaintyMs) {
    public HostInfo {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(zone, "zone");
    }
}
