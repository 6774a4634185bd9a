package io.faultline.ui;

import io.faultline.annotate.SettingsFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the workbench remembers between runs: theme, window place, pane dividers and visibility, the lanes' order and
 * which are collapsed, the text size, and the bundles opened last (most recent first). The author name notes are signed
 * with is the user's profile ({@code annotate.UserProfile}), not here. Immutable; read from and written to a small JSON file ({@link #load}, {@link #save}). A
 * file that is missing, unreadable or not what it should be gives the defaults (a warning in the log), a field that is
 * wrong its default: preferences never stop the window from opening.
 */
public record WorkbenchPrefs(Theme theme, Place window, Dividers dividers, boolean facets, boolean notes, List<Path> recent,
                             Lanes lanes, double textSize) {
    /** How many recent bundles are kept. */
    static final int RECENT = 10;
    private static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchPrefs.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The window's place on the screen; {@code maximized} keeps the size it had before. */
    public record Place(double x, double y, double width, double height, boolean maximized) {
    }

    /** The split-pane divider positions, each 0..1: lanes above the log table, notes panel, facet sidebar. */
    public record Dividers(double lanes, double notes, double facets) {
    }

    /** The lanes under the time axis: their ids top to bottom and the collapsed ones ({@link LaneStack}). */
    public record Lanes(List<String> order, List<String> collapsed) {
        public Lanes {
            order = List.copyOf(order);
            collapsed = List.copyOf(collapsed);
        }
    }

    public WorkbenchPrefs {
        recent = List.copyOf(recent);
    }

    public static WorkbenchPrefs defaults() {
        return new WorkbenchPrefs(Theme.DARK, null, null, true, true, List.of(), null, 1);
    }

    WorkbenchPrefs withTheme(Theme t) {
        return new WorkbenchPrefs(t, window, dividers, facets, notes, recent, lanes, textSize);
    }

    WorkbenchPrefs withLayout(Place w, Dividers d, boolean showFacets, boolean showNotes) {
        return new WorkbenchPrefs(theme, w, d, showFacets, showNotes, recent, lanes, textSize);
    }

    WorkbenchPrefs withLanes(Lanes l) {
        return new WorkbenchPrefs(theme, window, dividers, facets, notes, recent, l, textSize);
    }

    WorkbenchPrefs withTextSize(double factor) {
        return new WorkbenchPrefs(theme, window, dividers, facets, notes, recent, lanes, factor);
    }

    /** {@code bundle} first in the recent list, each bundle once, at most {@value #RECENT}. */
    WorkbenchPrefs withOpened(Path bundle) {
        Path p = bundle.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>();
        list.add(p);
        recent.stream().filter(r -> !r.equals(p)).limit(RECENT - 1).forEach(list::add);
        return new WorkbenchPrefs(theme, window, dividers, facets, notes, list, lanes, textSize);
    }

    WorkbenchPrefs withoutRecent() {
        return new WorkbenchPrefs(theme, window, dividers, facets, notes, List.of(), lanes, textSize);
    }


    /** The preferences in {@code file}; the defaults when it does not exist, or (with a warning) cannot be read. */
    public static WorkbenchPrefs load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the preferences {} ({}); using the defaults", file, e.getMessage());
            return defaults();
        }
        if (root == null || !root.isObject()) {
            LOG.warn("the preferences {} hold no JSON object; using the defaults", file);
            return defaults();
        }
        WorkbenchPrefs d = defaults();
        Theme theme = d.theme();
        if (root.path("theme").isTextual()) {
            try {
                theme = Theme.parse(root.get("theme").asText());
            } catch (IllegalArgumentException e) {
                LOG.warn("preferences {}: {}; using {}", file, e.getMessage(), theme.key());
            }
        }
        JsonNode w = root.path("window");
        Place place = w.path("width").isNumber() && w.path("height").isNumber() && w.path("width").asDouble() >= 200
                && w.path("height").asDouble() >= 150
                ? new Place(w.path("x").asDouble(), w.path("y").asDouble(), w.path("width").asDouble(),
                w.path("height").asDouble(), w.path("maximized").asBoolean(false))
                : null;
        JsonNode dv = root.path("dividers");
        Dividers dividers = fraction(dv.path("lanes")) && fraction(dv.path("notes")) && fraction(dv.path("facets"))
                ? new Dividers(dv.get("lanes").asDouble(), dv.get("notes").asDouble(), dv.get("facets").asDouble())
                : null;
        List<Path> recent = new ArrayList<>();
        for (JsonNode r : root.path("recent")) {
            if (r.isTextual() && recent.size() < RECENT) {
                try {
                    recent.add(Path.of(r.asText()));
                } catch (InvalidPathException e) {
                    LOG.warn("preferences {}: recent file {} is not a path; dropped", file, r.asText());
                }
            }
        }
        JsonNode ln = root.path("lanes");
        Lanes lanes = ln.path("order").isArray() && ln.path("collapsed").isArray()
                ? new Lanes(texts(ln.get("order")), texts(ln.get("collapsed"))) : null;
        double textSize = d.textSize();
        JsonNode ts = root.path("textSize");
        if (ts.isNumber() && ts.asDouble() >= TextSize.MIN && ts.asDouble() <= TextSize.MAX) {
            textSize = TextSize.clamp(ts.asDouble());
        } else if (!ts.isMissingNode()) {
            LOG.warn("preferences {}: textSize {} is not a number from {} to {}; using {}", file, ts, TextSize.MIN, TextSize.MAX, textSize);
        }
        return new WorkbenchPrefs(theme, place, dividers, root.path("facets").asBoolean(d.facets()),
                root.path("notes").asBoolean(d.notes()), recent, lanes, textSize);
    }

    /** The strings of a JSON array (other elements dropped). */
    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (n.isTextual()) {
                out.add(n.asText());
            }
        }
        return out;
    }

    private static boolean fraction(JsonNode n) {
        return n.isNumber() && n.asDouble() >= 0 && n.asDouble() <= 1;
    }

    /** Writes the preferences to {@code file} through a temporary sibling moved over it, so a reader never sees half. */
    public void save(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("theme", theme.key());
        if (window != null) {
            ObjectNode w = root.putObject("window");
            w.put("x", window.x());
            w.put("y", window.y());
            w.put("width", window.width());
            w.put("height", window.height());
            w.put("maximized", window.maximized());
        }
        if (dividers != null) {
            ObjectNode d = root.putObject("dividers");
            d.put("lanes", dividers.lanes());
            d.put("notes", dividers.notes());
            d.put("facets", dividers.facets());
        }
        root.put("facets", facets);
        root.put("notes", notes);
        if (lanes != null) {
            ObjectNode l = root.putObject("lanes");
            lanes.order().forEach(l.putArray("order")::add);
            lanes.collapsed().forEach(l.putArray("collapsed")::add);
        }
        root.put("textSize", textSize);
        ArrayNode r = root.putArray("recent");
        recent.forEach(p -> r.add(p.toString()));
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write the preferences as JSON", e);
        }
        SettingsFiles.replace(file, bytes);
    }
}
