package io.faultline.ingest;

import io.faultline.model.Event;
import io.faultline.model.EventTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A large journal JSON entry's bytes, from which its deferred rows are read back: a record is parsed again exactly as
 * the ingest parsed it, a message is decoded straight from its bytes. The bytes are read in place in the bundle when
 * the entry is stored uncompressed ({@link #inBundle}); otherwise they are copied, as they are streamed out of the
 * bundle, into a file no one else can open ({@link #spilled}: it is unlinked at once, so its space returns when
 * Faultline lets go of it or dies). Reads go through a block of {@value #BLOCK} bytes per thread, so a scan over rows
 * in file order costs one read per block, not one per row. Safe for reading from many threads; appending is for the
 * ingest only.
 */
final class RawJournal implements EventTable.Records {
    private static final int BLOCK = 1 << 20;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong IDS = new AtomicLong();
    private static final ThreadLocal<Block> BLOCKS = ThreadLocal.withInitial(Block::new);

    private final long id = IDS.incrementAndGet();
    private final FileChannel channel;
    /** Where the entry's first byte is in the file. */
    private final long base;
    private final boolean spilled;
    private final EntryContext ctx;
    private final UnaryOperator<Event> finish;
    private volatile long size;
    /**
     * For an entry read in place in the bundle: the file as it was when opened (or, for one read while it was imported,
     * when the bundle was finished); null for a copy and while the bundle is still being written.
     */
    private volatile OpenedFile bundle;
    private final Cleaner.Cleanable closing;

    /** The bytes of the block a thread read last, and whose they are. */
    private static final class Block {
        private long owner;
        private long start;
        private int length;
        private final byte[] bytes = new byte[BLOCK];
    }

    /**
     * @param ctx    the entry's context, reading its bytes as they are
     * @param finish what the ingest does to each event of the entry after parsing it ({@link Collector#beginEntry})
     */
    private RawJournal(FileChannel channel, long base, boolean spilled, OpenedFile bundle, EntryContext ctx, UnaryOperator<Event> finish) {
        this.channel = channel;
        this.bundle = bundle;
        this.base = base;
        this.spilled = spilled;
        this.ctx = ctx.withTextMap(TextMap.IDENTITY);
        this.finish = finish;
        this.closing = CLEANER.register(this, () -> {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing " + ctx.entry() + " read back failed", e);
            }
        });
    }

    /** An entry copied into a new unlinked file in {@code dir} as it is read: {@link #append} each piece. */
    static RawJournal spilled(Path dir, EntryContext ctx, UnaryOperator<Event> finish) throws IOException {
        Path file = Files.createTempFile(dir, "faultline-", ".journal.json");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } finally {
            Files.delete(file);
        }
        return new RawJournal(channel, 0, true, null, ctx, finish);
    }

    /** An entry stored uncompressed at bytes {@code [offset, offset + length)} of {@code file}, read there. */
    static RawJournal inBundle(Path file, long offset, long length, EntryContext ctx, UnaryOperator<Event> finish) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        OpenedFile opened = new OpenedFile(file, Files.getAttribute(file, "unix:ino"), Files.getLastModifiedTime(file), channel.size());
        RawJournal r = new RawJournal(channel, offset, false, opened, ctx, finish);
        r.size = length;
        return r;
    }

    /**
     * An entry being written, stored uncompressed from byte {@code offset} of {@code partFile} (the bundle before it is
     * moved into place): its rows can be read back from the bytes already {@link #written} there, and from the finished
     * bundle, the same file, once {@link #sealed}.
     */
    static RawJournal writing(Path partFile, long offset, EntryContext ctx, UnaryOperator<Event> finish) throws IOException {
        return new RawJournal(FileChannel.open(partFile, StandardOpenOption.READ), offset, false, null, ctx, finish);
    }

    /** The first {@code bytes} bytes of an entry being {@link #writing written} are in the file. */
    void written(long bytes) {
        size = bytes;
    }

    /**
     * The bundle being written is finished and now at {@code file}: from here on its rows are read as an opened bundle's
     * are, checked against the file as it is now.
     */
    void sealed(Path file) throws IOException {
        bundle = new OpenedFile(file, Files.getAttribute(file, "unix:ino"), Files.getLastModifiedTime(file), channel.size());
    }

    /** Lets go of the file now, for an entry whose rows are not kept (an import that failed or was cancelled). */
    void close() {
        closing.clean();
    }

    /**
     * The bundle file as it was when opened: its rows are read back from it, and only its hash at that time vouches
     * for them. Replacing it (a note saved: a new file moved over it) is fine, the open handle keeps the old one;
     * changing it in place (copied over, truncated, written into) is not.
     */
    private record OpenedFile(Path path, Object inode, java.nio.file.attribute.FileTime modified, long size) {
        void check(FileChannel channel, String entry) {
            try {
                long now = channel.size();
                boolean same = inode.equals(Files.getAttribute(path, "unix:ino"));
                java.nio.file.attribute.FileTime at = same ? Files.getLastModifiedTime(path) : modified;
                if (now != size || !at.equals(modified)) {
                    throw new IllegalStateException(path + " was changed on disk after it was opened (" + (now != size
                            ? String.format(java.util.Locale.ROOT, "now %,d bytes, %,d then", now, size) : "modified " + at + ", " + modified
                            + " then") + "): the events of " + entry + " can no longer be read back from it. Open it again;"
                            + " bundles are changed only by writing a new file and moving it over the old one");
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // the bundle was moved or deleted: the open handle still reads the bytes that were hashed
                return;
            } catch (IOException e) {
                throw new UncheckedIOException("checking " + path + " before reading " + entry + " back failed", e);
            }
        }
    }

    /** Whether the entry's bytes must be given to {@link #append} as they are read. */
    boolean spilled() {
        return spilled;
    }

    /** Appends the next {@code length} bytes of a {@link #spilled} entry. */
    void append(byte[] bytes, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        while (b.hasRemaining()) {
            size += channel.write(b, size);
        }
    }

    /** The entry's first {@code length} bytes as this reads them back, to check it reads the right ones. */
    byte[] head(int length) {
        return bytes(0, (int) Math.min(length, size));
    }

    @Override
    public Event read(long offset, int length, long line) {
        byte[] record = bytes(offset, length);
        Collector scratch = new Collector();
        scratch.beginEntry(finish);
        EntryContext at = ctx.withTextMap(TextMap.IDENTITY.after(line - 1, offset));
        JournalJsonParser.parse(at, record, scratch, new JournalEntries(at, JournalJsonParser.SOURCE, scratch, false));
        Event read = scratch.onlyEvent();
        if (read == null) {
            throw new IllegalStateException("the record at byte " + offset + " of " + ctx.entry() + " (" + length + " bytes) read as "
                    + scratch.eventCount() + " events the second time");
        }
        return read;
    }

    @Override
    public String text(long offset, int length, boolean escaped) {
        Block b = block(offset, length);
        byte[] bytes = b == null ? bytes(offset, length) : b.bytes;
        int from = b == null ? 0 : (int) (offset - b.start);
        return escaped ? JsonRecords.unescape(bytes, from, from + length) : new String(bytes, from, length, StandardCharsets.UTF_8);
    }

    private byte[] bytes(long offset, int length) {
        Block b = block(offset, length);
        if (b != null) {
            int at = (int) (offset - b.start);
            return Arrays.copyOfRange(b.bytes, at, at + length);
        }
        byte[] out = new byte[length];
        readFully(ByteBuffer.wrap(out), offset);
        return out;
    }

    /** This thread's block, holding [offset, offset + length) once read; null when that is longer than a block. */
    private Block block(long offset, int length) {
        if (length > BLOCK) {
            return null;
        }
        Block b = BLOCKS.get();
        if (b.owner == id && offset >= b.start && offset + length <= b.start + b.length) {
            return b;
        }
        b.owner = 0;
        OpenedFile opened = bundle;
        if (opened != null) {
            opened.check(channel, ctx.entry());
        }
        b.start = offset;
        b.length = readFully(ByteBuffer.wrap(b.bytes, 0, (int) Math.min(BLOCK, Math.max(length, size - offset))), offset);
        if (b.length < length) {
            throw new IllegalStateException(ctx.entry() + " read back ends at byte " + size + ", before the record at " + offset);
        }
        b.owner = id;
        return b;
    }

    private int readFully(ByteBuffer into, long offset) {
        int n = 0;
        try {
            while (into.hasRemaining()) {
                int r = channel.read(into, base + offset + n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading back " + ctx.entry() + " at byte " + offset + " failed", e);
        }
        return n;
    }
}
