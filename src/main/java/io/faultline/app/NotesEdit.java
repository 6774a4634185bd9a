package io.faultline.app;

import io.faultline.annotate.AnnotationStore;
import io.faultline.annotate.UserProfile;
import io.faultline.capture.AnnotationSaver;
import io.faultline.capture.Bundle;
import io.faultline.ingest.Ingestor;
import io.faultline.model.Evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * A change to the notes of a bundle from the command line, checked whole before anything is written: the bundle opens,
 * its raw entries match their checksums, its notes can be read, and it and its folder may be written. Then the change
 * runs on an {@link AnnotationStore} and the new layer is saved beside the untouched raw entries.
 */
final class NotesEdit {
    final Path bundle;
    final Evidence evidence;
    final AnnotationStore store;

    private NotesEdit(Path bundle, Evidence evidence, AnnotationStore store) {
        this.bundle = bundle;
        this.evidence = evidence;
        this.store = store;
    }

    /** Opens {@code bundle} for a change signed by {@code authorOverride}, or else the profile's author, or else the login name. */
    static NotesEdit open(Path bundle, String authorOverride) throws IOException {
        requireWritable(bundle);
        String author = authorOverride != null ? checkedAuthor(authorOverride) : profileAuthor();
        try (Bundle b = Bundle.open(bundle)) {
            List<String> damage = b.verify();
            if (!damage.isEmpty()) {
                throw new CliException(bundle + ": the bundle is damaged (" + damage.getFirst() + (damage.size() > 1 ? ", and "
                        + (damage.size() - 1) + " more" : "") + "); notes are not added to it. `faultline summary " + bundle + "` says more");
            }
            if (b.annotationsProblem() != null) {
                throw new CliException(bundle + ": " + b.annotationsProblem() + "; the command line does not write over notes it cannot"
                        + " read (opening the bundle in the window keeps the damaged file aside when it saves)");
            }
            Evidence ev = Ingestor.ingest(b);
            return new NotesEdit(bundle, ev, new AnnotationStore(b.annotations(), author, Clock.systemUTC()));
        }
    }

    void save() throws IOException {
        UserPaths.writing(bundle, () -> {
            AnnotationSaver.save(bundle, store.snapshot());
            return null;
        });
    }

    private static String checkedAuthor(String name) {
        try {
            return UserProfile.checkedAuthor(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--author: " + e.getMessage(), 2);
        }
    }

    /** The profile's author, or the login name; a profile that cannot be read stops the command (notes are signed). */
    static String profileAuthor() throws IOException {
        Path file = DataDirs.config().resolve(UserProfile.FILE);
        try {
            return UserProfile.load(file).authorOr(System.getProperty("user.name"));
        } catch (IOException e) {
            throw new CliException(e.getMessage() + "; fix it with `faultline profile --author NAME`, or give --author");
        }
    }

    /**
     * The bundle and its folder may be written (the new bundle is made beside it and moved over it). A file whose owner
     * write permission is off counts as read-only even for root, who could write it anyway: the user meant it so.
     */
    private static void requireWritable(Path bundle) throws IOException {
        if (!Files.isRegularFile(bundle)) {
            return;
        }
        Path dir = bundle.toAbsolutePath().getParent();
        if (!Files.isWritable(bundle) || !ownerMayWrite(bundle)) {
            throw new CliException(bundle + ": the bundle is read-only; notes are saved into it, so make it writable (chmod u+w) or"
                    + " annotate a copy");
        }
        if (!Files.isWritable(dir) || !ownerMayWrite(dir)) {
            throw new CliException(bundle + ": its folder " + dir + " is read-only; the notes are saved through a new file beside the"
                    + " bundle, so the folder must be writable");
        }
    }

    private static boolean ownerMayWrite(Path p) throws IOException {
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) == null) {
            return true;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        return perms.contains(PosixFilePermission.OWNER_WRITE);
    }
}
