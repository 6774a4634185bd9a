package io.faultline.export;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.Healthcheck;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.SourceRef;
import io.faultline.model.Span;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an export replaces: a table of terms (an address, a user name, a host name, an e-mail address, a secret, or a
 * term of the user's) and the placeholder each becomes ({@code ip-1}, {@code user-2}, {@code host-1},
 * {@code email-1}, {@code secret-3}, {@code term-1}). The same term becomes the same placeholder everywhere in one
 * export, so the story still reads. A placeholder never equals a word of the data: numbers taken by such words are
 * skipped ({@link #taken}). Immutable; {@link Redactor} proposes one from the evidence, the user edits it
 * ({@link #without}, {@link #with}), and {@link #apply(Evidence)} and friends make the redacted copy an exporter is
 * given.
 */
public final class Redaction {
    /** What a term is; the placeholder's stem is {@link #stem}. */
    public enum Kind {
        IP("ip", "address"), USER("user", "user name"), HOST("host", "host name"), EMAIL("email", "e-mail address"),
        SECRET("secret", "secret"), TERM("term", "your term");

        private final String stem;
        private final String label;

        Kind(String stem, String label) {
            this.stem = stem;
            this.label = label;
        }

        public String stem() {
            return stem;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One term and what it becomes.
     *
     * @param count how often it occurs in the texts of the export (whole-word occurrences); -1 when not counted yet
     *              (a term the user just added)
     */
    public record Term(String original, Kind kind, String placeholder, long count) {
        public Term {
            Objects.requireNonNull(original, "original");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(placeholder, "placeholder");
        }
    }

    private static final Pattern PLACEHOLDER_LIKE = Pattern.compile("(?<![\\p{L}\\p{N}_-])(ip|user|host|email|secret|term)-(\\d{1,9})(?![\\p{L}\\p{N}_-])");

    private final List<Term> terms;
    private final Set<String> taken;
    private volatile TermMatcher matcher;
    private final Map<String, String> applied = new java.util.concurrent.ConcurrentHashMap<>();

    private Redaction(List<Term> terms, Set<String> taken) {
        this.terms = List.copyOf(terms);
        this.taken = Set.copyOf(taken);
    }

    /** Nothing to replace. */
    public static Redaction none() {
        return new Redaction(List.of(), Set.of());
    }

    /**
     * A table of the given terms, numbered in order per kind, skipping placeholders that are words of the data.
     *
     * @param found  each term with its kind and count, in the order the placeholders are numbered
     * @param taken  placeholder-like words seen in the data ({@code host-1}), see {@link #placeholderLike}
     */
    static Redaction of(List<Term> found, Set<String> taken) {
        List<Term> numbered = new ArrayList<>(found.size());
        Map<Kind, Integer> last = new LinkedHashMap<>();
        for (Term t : found) {
            String p = next(t.kind(), last, taken);
            numbered.add(new Term(t.original(), t.kind(), p, t.count()));
        }
        return new Redaction(numbered, taken);
    }

    private static String next(Kind kind, Map<Kind, Integer> last, Set<String> taken) {
        int n = last.getOrDefault(kind, 0);
        String p;
        do {
            n++;
            p = kind.stem() + "-" + n;
        } while (taken.contains(p));
        last.put(kind, n);
        return p;
    }

    /** Adds every placeholder-like word of {@code text} ({@code ip-3}, {@code term-12}) to {@code into}. */
    static void placeholderLike(String text, Set<String> into) {
        if (text.indexOf('-') < 0 || !(text.contains("ip-") || text.contains("user-") || text.contains("host-")
                || text.contains("email-") || text.contains("secret-") || text.contains("term-"))) {
            return;
        }
        Matcher m = PLACEHOLDER_LIKE.matcher(text);
        while (m.find()) {
            into.add(m.group(1) + "-" + Integer.parseInt(m.group(2)));
        }
    }

    public List<Term> terms() {
        return terms;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The placeholder {@code original} becomes, or null when it is not redacted. */
    public String placeholder(String original) {
        for (Term t : terms) {
            if (t.original().equals(original)) {
                return t.placeholder();
            }
        }
        return null;
    }

    /** The same table without {@code original}: it stays as it is in the export. Other placeholders keep their number. */
    public Redaction without(String original) {
        List<Term> kept = terms.stream().filter(t -> !t.original().equals(original)).toList();
        return kept.size() == terms.size() ? this : new Redaction(kept, taken);
    }

    /**
     * The same table with the user's own term added as {@code term-N} (not counted yet), or this one when the term is
     * blank or already in it. Leading and trailing white space is dropped.
     */
    public Redaction with(String own) {
        String text = own == null ? "" : own.strip();
        if (text.isEmpty() || placeholder(text) != null) {
            return this;
        }
        Set<String> used = new HashSet<>(taken);
        terms.forEach(t -> used.add(t.placeholder()));
        Map<Kind, Integer> last = new LinkedHashMap<>();
        String p = next(Kind.TERM, last, used);
        List<Term> more = new ArrayList<>(terms);
        more.add(new Term(text, Kind.TERM, p, -1));
        return new Redaction(more, taken);
    }

    /** Placeholder-like words of the data, which no placeholder of this table equals. */
    public Set<String> taken() {
        return taken;
    }

    /** {@code text} with every term replaced by its placeholder; null stays null. Safe from many threads. */
    public String apply(String text) {
        if (text == null || text.isEmpty() || terms.isEmpty()) {
            return text;
        }
        if (text.length() > Redactor.MEMO_TEXT_LENGTH) {
            return matcher().replace(text, null);
        }
        // field names and most field values repeat in every entry: each distinct one is replaced once
        String done = applied.get(text);
        if (done == null) {
            done = matcher().replace(text, null);
            if (applied.size() < Redactor.MEMO_TEXTS) {
                applied.put(text, done);
            }
        }
        return done;
    }

    /** How often each term occurs in the texts of an export of {@code ev}, {@code ann} and {@code title}: a copy with the counts. */
    Redaction counted(Evidence ev, AnnotationLayer ann, String title) {
        long[] counts = new long[terms.size()];
        TermMatcher m = matcher();
        // the terms each repeated short text holds (field names, units, most field values), found once
        Map<String, int[]> memo = new java.util.HashMap<>();
        int[] none = new int[0];
        Redactor.texts(ev, ann, title, (text, command) -> {
            if (text == null || text.isEmpty()) {
                return;
            }
            int[] hits = text.length() <= Redactor.MEMO_TEXT_LENGTH ? memo.get(text) : null;
            if (hits == null) {
                java.util.List<Integer> found = new ArrayList<>(2);
                m.replace(text, found::add);
                hits = found.isEmpty() ? none : found.stream().mapToInt(Integer::intValue).toArray();
                if (text.length() <= Redactor.MEMO_TEXT_LENGTH && memo.size() < Redactor.MEMO_TEXTS) {
                    memo.put(text, hits);
                }
            }
            for (int t : hits) {
                counts[t]++;
            }
        });
        List<Term> out = new ArrayList<>(terms.size());
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            out.add(new Term(t.original(), t.kind(), t.placeholder(), counts[i]));
        }
        return new Redaction(out, taken);
    }

    private TermMatcher matcher() {
        TermMatcher m = matcher;
        if (m == null) {
            m = new TermMatcher(terms.stream().map(Term::original).toList(), terms.stream().map(Term::placeholder).toList(),
                    terms.stream().map(t -> t.kind() == Kind.SECRET).toList());
            matcher = m;
        }
        return m;
    }

    /**
     * The evidence with every text an export carries redacted: event ids, hosts, units, identifiers, messages, field
     * names (a docker label's name is one) and values, origins; span ids, hosts and outputs; series hosts (devices and
     * metrics are not secret); container names, hosts, images and healthcheck commands; host names; diagnostics.
     * Times, numbers, severities, sources and container ids are kept. Events of an {@link EventTable} are redacted as they are read.
     */
    public Evidence apply(Evidence ev) {
        if (isEmpty()) {
            return ev;
        }
        EventTable events = EventTable.of(ev.events()).mapped(this::apply, this::event);
        List<HostInfo> hosts = ev.hosts().stream()
                .map(h -> new HostInfo(apply(h.name()), h.zone(), h.clockOffsetMs(), h.offsetUncertaintyMs())).toList();
        List<Span> spans = ev.spans().stream().map(s -> new Span(apply(s.id()), s.kind(), apply(s.host()), s.containerId(),
                s.startNanos(), s.endNanos(), s.exitCode(), apply(s.output()), origin(s.origin()))).toList();
        List<Series> series = ev.series().stream().map(s -> s.host() == null || apply(s.host()).equals(s.host()) ? s
                : new Series(apply(s.host()), s.device(), s.metric(), s.unit(), s.timesNanos(), s.values())).toList();
        List<Container> containers = ev.containers().stream().map(c -> new Container(c.id(), apply(c.name()), apply(c.host()),
                apply(c.image()), healthcheck(c.healthcheck()), c.restartPolicy(), c.restartCount(), c.healthStatus(),
                origin(c.origin()))).toList();
        List<Diagnostic> diagnostics = ev.diagnostics().stream()
                .map(d -> new Diagnostic(d.level(), origin(d.where()), apply(d.reason()))).toList();
        return new Evidence(ev.window(), hosts, events, spans, series, containers, ev.sources(), diagnostics);
    }

    /** The annotations with their notes, tags, authors and targets redacted, and the links' notes. */
    public AnnotationLayer apply(AnnotationLayer layer) {
        if (isEmpty()) {
            return layer;
        }
        List<Annotation> annotations = layer.annotations().stream().map(a -> new Annotation(a.id(), target(a.target()),
                apply(a.note()), a.tags().stream().map(this::apply).toList(), a.severity(), apply(a.author()), a.createdNanos(),
                a.editedNanos())).toList();
        List<CausalLink> links = layer.links().stream()
                .map(l -> new CausalLink(l.id(), l.fromId(), l.toId(), l.type(), apply(l.note()))).toList();
        return new AnnotationLayer(layer.version(), annotations, links);
    }

    /** The options with their title redacted and nothing left to redact (it is done). */
    public ExportOptions apply(ExportOptions o) {
        return isEmpty() ? o : new ExportOptions(o.range(), apply(o.title()), null);
    }

    /**
     * The evidence, annotations and options an exporter writes: redacted by {@code o}'s redaction, which the
     * returned options no longer carry, so applying this again changes nothing.
     */
    public static Redacted of(Evidence ev, AnnotationLayer ann, ExportOptions o) {
        if (!o.redact()) {
            return new Redacted(ev, ann, o);
        }
        Redaction r = o.redaction();
        return new Redacted(r.apply(ev), r.apply(ann), r.apply(o));
    }

    /** What {@link #of} gives. */
    public record Redacted(Evidence evidence, AnnotationLayer annotations, ExportOptions options) {
    }

    private Event event(Event e) {
        Map<String, String> fields = e.fields();
        if (!fields.isEmpty()) {
            Map<String, String> redacted = new LinkedHashMap<>(fields.size() * 2);
            boolean changed = false;
            for (Map.Entry<String, String> f : fields.entrySet()) {
                String k = apply(f.getKey());
                String v = apply(f.getValue());
                changed |= !Objects.equals(v, f.getValue()) || !k.equals(f.getKey());
                redacted.putIfAbsent(k, v);
            }
            if (changed) {
                fields = redacted;
            }
        }
        return new Event(apply(e.id()), e.timeNanos(), e.timeText(), apply(e.host()), e.source(), apply(e.unit()),
                apply(e.identifier()), e.severity(), apply(e.message()), e.containerId(), e.truncated(), fields,
                origin(e.origin()));
    }

    private SourceRef origin(SourceRef r) {
        return r == null ? null : new SourceRef(apply(r.entry()), r.line(), r.byteOffset());
    }

    private Healthcheck healthcheck(Healthcheck h) {
        return h == null ? null : new Healthcheck(h.test().stream().map(this::apply).toList(), h.intervalNanos(),
                h.timeoutNanos(), h.retries(), h.startPeriodNanos());
    }

    private AnnotationTarget target(AnnotationTarget t) {
        return switch (t) {
            case AnnotationTarget.OnEvent e -> new AnnotationTarget.OnEvent(apply(e.eventId()), e.startNanos());
            case AnnotationTarget.OnSpan s -> new AnnotationTarget.OnSpan(apply(s.spanId()), s.kind(), s.startNanos(), s.endNanos());
            case AnnotationTarget.OnSeriesPoint p -> new AnnotationTarget.OnSeriesPoint(apply(p.host()), p.device(), p.metric(),
                    p.startNanos(), p.value());
            case AnnotationTarget.OnRange r -> r;
        };
    }

    @Override
    public String toString() {
        return "Redaction[" + terms.size() + " terms]";
    }
}
