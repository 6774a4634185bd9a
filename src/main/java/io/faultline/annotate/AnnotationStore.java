package io.faultline.annotate;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.EpochNanos;
import io.faultline.model.LinkType;
import io.faultline.model.NoteSeverity;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Holds the annotation layer of one investigation. Every change is a command that replaces the whole
 * (immutable) layer, so undo and redo are exact and listeners always see a consistent snapshot.
 * Thread-safe; listeners are called through the executor they registered with.
 */
public final class AnnotationStore {
    private volatile String author;
    private final Clock clock;
    private final Deque<Edit> undo = new ArrayDeque<>();
    private final Deque<Edit> redo = new ArrayDeque<>();
    private final Map<Consumer<AnnotationLayer>, Executor> listeners = new ConcurrentHashMap<>();
    private AnnotationLayer layer;

    public AnnotationStore(AnnotationLayer initial, String author, Clock clock) {
        this.layer = initial;
        this.author = author == null ? "" : author;
        this.clock = clock;
    }

    public synchronized AnnotationLayer snapshot() {
        return layer;
    }

    public synchronized Optional<Annotation> annotation(String id) {
        return layer.annotations().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Adds a note of severity info on an event, a span, a series point or a range; returns it with its new id. */
    public Annotation addNote(AnnotationTarget target, String note, List<String> tags) {
        return addNote(target, note, tags, NoteSeverity.INFO);
    }

    /** Adds a note of the severity given; returns it with its new id. */
    public Annotation addNote(AnnotationTarget target, String note, List<String> tags, NoteSeverity severity) {
        synchronized (this) {
            long now = now();
            Annotation a = new Annotation(nextId("n", layer.annotations().stream().map(Annotation::id).toList()), target,
                    note, tags, severity, author, now, now);
            List<Annotation> anns = new ArrayList<>(layer.annotations());
            anns.add(a);
            apply("Add note \"" + abbreviate(note) + "\"", new AnnotationLayer(layer.version(), anns, layer.links()));
            return a;
        }
    }

    /** Links two existing annotations; both ids must exist and differ. */
    public CausalLink link(String fromAnnotationId, String toAnnotationId, LinkType type, String note) {
        synchronized (this) {
            requireAnnotation(fromAnnotationId);
            requireAnnotation(toAnnotationId);
            if (fromAnnotationId.equals(toAnnotationId)) {
                throw new IllegalArgumentException("a note cannot be linked to itself: " + fromAnnotationId);
            }
            CausalLink l = new CausalLink(nextId("l", layer.links().stream().map(CausalLink::id).toList()),
                    fromAnnotationId, toAnnotationId, type, note);
            List<CausalLink> links = new ArrayList<>(layer.links());
            links.add(l);
            apply("Link " + fromAnnotationId + " " + type.label() + " " + toAnnotationId,
                    new AnnotationLayer(layer.version(), layer.annotations(), links));
            return l;
        }
    }

    public void editNote(String id, String note) {
        synchronized (this) {
            Annotation old = requireAnnotation(id);
            edit(id, note, old.tags(), old.severity());
        }
    }

    /** Replaces the text, tags and severity of a note in one undoable step; its author and created time stay. */
    public void edit(String id, String note, List<String> tags, NoteSeverity severity) {
        synchronized (this) {
            Annotation old = requireAnnotation(id);
            Annotation edited = new Annotation(old.id(), old.target(), note, tags, severity, old.author(), old.createdNanos(), now());
            List<Annotation> anns = layer.annotations().stream().map(a -> a.id().equals(id) ? edited : a).toList();
            apply("Edit note " + id, new AnnotationLayer(layer.version(), anns, layer.links()));
        }
    }

    /** Changes a link's type and note; its two ends stay. */
    public void editLink(String id, LinkType type, String note) {
        synchronized (this) {
            CausalLink old = layer.links().stream().filter(l -> l.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no link with id " + id));
            CausalLink edited = new CausalLink(old.id(), old.fromId(), old.toId(), type, note);
            apply("Edit link " + id + " (" + type.label() + ")", new AnnotationLayer(layer.version(), layer.annotations(),
                    layer.links().stream().map(l -> l.id().equals(id) ? edited : l).toList()));
        }
    }

    /** The name written as the author of the notes added from now on. */
    public String author() {
        return author;
    }

    /** Sets the author of the notes added from now on (the preference changed); notes made before keep theirs. */
    public void setAuthor(String name) {
        author = name == null ? "" : name.strip();
    }

    /** Removes an annotation (and the links touching it) or a link. */
    public void remove(String id) {
        synchronized (this) {
            if (layer.links().stream().anyMatch(l -> l.id().equals(id))) {
                apply("Remove link " + id, new AnnotationLayer(layer.version(), layer.annotations(),
                        layer.links().stream().filter(l -> !l.id().equals(id)).toList()));
                return;
            }
            requireAnnotation(id);
            apply("Remove note " + id, new AnnotationLayer(layer.version(),
                    layer.annotations().stream().filter(a -> !a.id().equals(id)).toList(),
                    layer.links().stream().filter(l -> !l.fromId().equals(id) && !l.toId().equals(id)).toList()));
        }
    }

    public synchronized boolean canUndo() {
        return !undo.isEmpty();
    }

    public synchronized boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Description of what undo would revert, or an empty string. */
    public synchronized String undoDescription() {
        return undo.isEmpty() ? "" : undo.peek().description();
    }

    public synchronized String redoDescription() {
        return redo.isEmpty() ? "" : redo.peek().description();
    }

    public void undo() {
        AnnotationLayer now;
        synchronized (this) {
            if (undo.isEmpty()) {
                return;
            }
            Edit e = undo.pop();
            redo.push(e);
            layer = e.before();
            now = layer;
        }
        fire(now);
    }

    public void redo() {
        AnnotationLayer now;
        synchronized (this) {
            if (redo.isEmpty()) {
                return;
            }
            Edit e = redo.pop();
            undo.push(e);
            layer = e.after();
            now = layer;
        }
        fire(now);
    }

    public void addListener(Executor executor, Consumer<AnnotationLayer> listener) {
        listeners.put(listener, executor);
    }

    public void removeListener(Consumer<AnnotationLayer> listener) {
        listeners.remove(listener);
    }

    private void apply(String description, AnnotationLayer after) {
        Edit e = new Edit(description, layer, after);
        undo.push(e);
        redo.clear();
        layer = after;
        fire(after);
    }

    private void fire(AnnotationLayer snapshot) {
        listeners.forEach((listener, executor) -> executor.execute(() -> listener.accept(snapshot)));
    }

    private Annotation requireAnnotation(String id) {
        return layer.annotations().stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no annotation with id " + id));
    }

    private long now() {
        return EpochNanos.of(clock.instant());
    }

    private static String nextId(String prefix, List<String> existing) {
        int max = 0;
        java.util.regex.Pattern own = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + "-(\\d{1,9})");
        for (String id : existing) {
            java.util.regex.Matcher m = own.matcher(id);
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return prefix + "-" + (max + 1);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 40 ? one : one.substring(0, 39) + "…";
    }

    private record Edit(String description, AnnotationLayer before, AnnotationLayer after) {
    }
}
