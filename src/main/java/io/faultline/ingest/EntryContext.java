package io.faultline.ingest;

import io.faultline.model.Diagnostic;
import io.faultline.model.SourceRef;
import io.faultline.model.TimeWindow;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What a parser knows about the entry it reads.
 *
 * @param entry            the bundle entry path, used in every {@link SourceRef}
 * @param host             the host the entry came from (manifest), never null
 * @param zone             the host's zone for sources that carry none (journal short, sadf local times)
 * @param zoneKnown        false when the manifest gave no zone and {@code zone} is an assumed UTC
 * @param clockOffsetNanos the host's clock offset, remote minus local (see {@link #toLocal(long)})
 * @param window           the capture window on the laptop's axis, or null when the manifest has none
 * @param dataContext      without a window: the latest instant that the bundle's fully dated sources hold
 *                         (docker inspect, events, journal JSON, sadf), or null; gives yearless lines their year
 * @param createdAt        when the bundle was made (manifest createdAt), or null
 * @param takenAt          when this entry's output was taken (manifest entry endedAt), or null
 * @param boots            the boots' wall times learnt from the bundle's journal JSON/export entries, for
 *                         short-monotonic stamps; {@link JournalBoots#NONE} when there are none
 * @param hostBoot         when the host's current boot began (manifest, else its journal entries in the bundle), for raw
 *                         dmesg without a btime line of its own; null when unknown
 * @param linesNameHosts   true when {@code host} stands only for lines that name no host (an import without
 *                         {@code --host-name}): see {@link #hostNamed(String)}
 * @param textMap          maps the lines and byte offsets of the text the parser reads back to the entry's bytes, when
 *                         bytes were left out before parsing ({@link EntryText}); {@link TextMap#IDENTITY} otherwise
 */
public record EntryContext(String entry, String host, ZoneId zone, boolean zoneKnown, long clockOffsetNanos,
                           TimeWindow window, Instant dataContext, Instant createdAt, Instant takenAt, JournalBoots boots,
                           HostBoot hostBoot, boolean linesNameHosts, TextMap textMap) {

    public EntryContext {
        boots = boots == null ? JournalBoots.NONE : boots;
        textMap = textMap == null ? TextMap.IDENTITY : textMap;
    }

    /** A context whose parser reads the entry's bytes as they are. */
    public EntryContext(String entry, String host, ZoneId zone, boolean zoneKnown, long clockOffsetNanos,
                        TimeWindow window, Instant dataContext, Instant createdAt, Instant takenAt, JournalBoots boots,
                        HostBoot hostBoot, boolean linesNameHosts) {
        this(entry, host, zone, zoneKnown, clockOffsetNanos, window, dataContext, createdAt, takenAt, boots, hostBoot, linesNameHosts,
                TextMap.IDENTITY);
    }

    /** A context that knows no boots. */
    public EntryContext(String entry, String host, ZoneId zone, boolean zoneKnown, long clockOffsetNanos,
                        TimeWindow window, Instant dataContext, Instant createdAt, Instant takenAt) {
        this(entry, host, zone, zoneKnown, clockOffsetNanos, window, dataContext, createdAt, takenAt, JournalBoots.NONE, null, false);
    }

    /** This context with the boots' wall times. */
    public EntryContext withBoots(JournalBoots b) {
        return new EntryContext(entry, host, zone, zoneKnown, clockOffsetNanos, window, dataContext, createdAt, takenAt, b, hostBoot, linesNameHosts, textMap);
    }

    /** This context with the host's boot time (or null). */
    public EntryContext withHostBoot(HostBoot b) {
        return new EntryContext(entry, host, zone, zoneKnown, clockOffsetNanos, window, dataContext, createdAt, takenAt, boots, b, linesNameHosts, textMap);
    }

    /** This context with its lines naming their hosts, or not. */
    public EntryContext withLinesNameHosts(boolean named) {
        return new EntryContext(entry, host, zone, zoneKnown, clockOffsetNanos, window, dataContext, createdAt, takenAt, boots, hostBoot,
                named, textMap);
    }

    /** This context reading a text whose places {@code map} maps back to the entry's bytes. */
    EntryContext withTextMap(TextMap map) {
        return new EntryContext(entry, host, zone, zoneKnown, clockOffsetNanos, window, dataContext, createdAt, takenAt, boots, hostBoot,
                linesNameHosts, map);
    }

    /** The host of a record that names {@code name} as its host: that name when lines name hosts here and it is not blank, else {@link #host}. */
    public String hostNamed(String name) {
        return linesNameHosts && name != null && !name.isBlank() ? name : host;
    }

    /**
     * Maps an instant read from the remote host's clock onto the laptop's axis.
     * The manifest's offset is remote minus local, so local = remote - offset: a host whose clock runs
     * 2 s ahead (offset +2000 ms) wrote 12:00:02 for what the laptop saw at 12:00:00.
     */
    public long toLocal(long remoteNanos) {
        return remoteNanos - clockOffsetNanos;
    }

    /**
     * The id of the record that starts at line {@code line} of the text read: {@code entry:line} with the entry's line,
     * and {@code entry:line+k} for the k-th record put on a line of its own after a NUL run cut that line.
     */
    public String recordId(long line) {
        return entry + ":" + textMap.lineId(line);
    }

    public SourceRef at(long line, long byteOffset) {
        return new SourceRef(entry, textMap.line(line), textMap.offset(byteOffset));
    }

    public Diagnostic diagnostic(Diagnostic.Level level, long line, long byteOffset, String reason) {
        return new Diagnostic(level, at(line, byteOffset), reason);
    }
}
