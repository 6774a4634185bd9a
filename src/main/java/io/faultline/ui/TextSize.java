package io.faultline.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text size setting (View › Larger text / Smaller text / Reset text size): a factor on the font sizes the theme's
 * stylesheet gives the panes read most — the log table, the detail pane, the facet sidebar, the notes panel and the
 * lane headers. It is applied as a second stylesheet (a {@code data:} URL) that repeats each font size rule of the
 * theme inside those panes, times the factor; the toolbar, the tiles and the canvas text keep their sizes, as their
 * room is fixed.
 */
final class TextSize {
    static final double MIN = 0.8;
    static final double MAX = 2.0;
    static final double STEP = 0.1;
    /** The panes the setting applies to (style classes of their roots). */
    static final List<String> SCOPES = List.of(".log-table", ".event-detail", ".facet-sidebar", ".annotation-panel", ".lane-stack");
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
    private static final Pattern SIZE = Pattern.compile("-fx-font-size\\s*:\\s*([0-9.]+)px");
    /** A height given in pixels (a header strip's): it grows with its text. */
    private static final Pattern HEIGHT = Pattern.compile("-fx-pref-height\\s*:\\s*([0-9.]+)(px)?\\s*(;|$)");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

    private TextSize() {
    }

    /** {@code factor} kept between {@link #MIN} and {@link #MAX} and rounded to a tenth. */
    static double clamp(double factor) {
        return Math.round(Math.clamp(factor, MIN, MAX) * 10) / 10.0;
    }

    /** The factor as the menu and the status say it: "120 %". */
    static String percent(double factor) {
        return Math.round(factor * 100) + " %";
    }

    /** The override stylesheet for {@code theme} at {@code factor}, as a {@code data:} URL; null for 1 (nothing to override). */
    static String stylesheet(Theme theme, double factor) {
        if (Math.abs(factor - 1) < 1e-9) {
            return null;
        }
        String css = css(theme, factor);
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The text of that stylesheet: the scopes' base size, then every rule of the theme that sets a font size or a
     * height in pixels, inside the scopes, with the size and height times {@code factor}.
     */
    static String css(Theme theme, double factor) {
        String source = COMMENT.matcher(read(theme)).replaceAll("");
        double base = 12;
        StringBuilder out = new StringBuilder();
        List<String> rules = new ArrayList<>();
        Matcher m = RULE.matcher(source);
        while (m.find()) {
            Matcher size = SIZE.matcher(m.group(2));
            Matcher height = HEIGHT.matcher(m.group(2));
            boolean hasSize = size.find();
            boolean hasHeight = height.find();
            if (!hasSize && !hasHeight) {
                continue;
            }
            double px = hasSize ? Double.parseDouble(size.group(1)) : base;
            List<String> selectors = new ArrayList<>();
            boolean root = false;
            for (String s : m.group(1).split(",")) {
                String sel = s.strip().replaceAll("\\s+", " ");
                if (sel.equals(".root") || sel.equals(".workbench")) {
                    root = true;
                    base = px;
                } else if (SCOPES.stream().anyMatch(scope -> sel.equals(scope) || sel.startsWith(scope + " "))) {
                    selectors.add(sel);
                } else if (!sel.isEmpty()) {
                    SCOPES.forEach(scope -> selectors.add(scope + " " + sel));
                }
            }
            if (!selectors.isEmpty() && !root) {
                String declarations = (hasSize ? " -fx-font-size: " + px(px * factor) + ";" : "")
                        + (hasHeight ? " -fx-pref-height: " + px(Double.parseDouble(height.group(1)) * factor) + ";" : "");
                rules.add(String.join(", ", selectors.stream().distinct().toList()) + " {" + declarations + " }");
            }
        }
        out.append(String.join(", ", SCOPES)).append(" { -fx-font-size: ").append(px(base * factor)).append("; }\n");
        rules.forEach(r -> out.append(r).append('\n'));
        return out.toString();
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.1fpx", v);
    }

    private static String read(Theme theme) {
        try (InputStream in = URI.create(theme.stylesheet()).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stylesheet " + theme.stylesheet(), e);
        }
    }
}
