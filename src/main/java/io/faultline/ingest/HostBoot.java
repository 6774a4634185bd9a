package io.faultline.ingest;

/**
 * When a host's current boot began, for stamps counted from boot (raw dmesg) that name no boot time themselves.
 *
 * @param nanos  the boot instant, epoch ns on the laptop's axis (already moved by the host's clock offset)
 * @param bootId the boot's id (32 hex digits) when known, else null
 * @param source where it was learnt, for the diagnostic ("the manifest (btime of /proc/stat at capture)")
 */
public record HostBoot(long nanos, String bootId, String source) {
}
