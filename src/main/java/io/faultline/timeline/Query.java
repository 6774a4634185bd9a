package io.faultline.timeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a search looks for in an event's message, and only there: a plain text (found anywhere in it) or a regular
 * expression ({@link Pattern} syntax, {@code find} semantics), case-sensitive or not (Unicode case folding). Host,
 * unit, identifier and the other facets are chosen with a {@link Filter}'s exact include/exclude sets, not by text;
 * docs/decisions/0003-search-matches-the-message.md says why and how the counts line up with grep and lnav.
 */
public final class Query {
    /** Plain text or regular expression. */
    public enum Kind { TEXT, REGEX }

    private final Kind kind;
    private final String expression;
    private final boolean caseSensitive;
    /** Null for case-sensitive text, which is a plain {@link String#contains}. */
    private final Pattern pattern;

    /**
     * For case-insensitive text: the position of a character found only as itself or its ASCII other case, so
     * candidates are found by a plain scan before a {@link String#regionMatches(boolean, int, String, int, int)}
     * (the same per-character folding as the pattern); -1 when there is none and the pattern does the work.
     */
    private final int anchor;

    /**
     * When the pattern does the work: texts of which every match holds one, looked for before the pattern runs. Ignoring
     * case, Java's regex engine has no fast path for case folding; case-sensitive, it has one only for a regex that
     * starts with a literal, so the texts are there only for the others ({@link Literals#ofCaseSensitiveRegex}). Null
     * when there are none, and for case-sensitive text.
     */
    private final Literals literals;

    private Query(Kind kind, String expression, boolean caseSensitive, Pattern pattern) {
        this.kind = kind;
        this.expression = expression;
        this.caseSensitive = caseSensitive;
        this.pattern = pattern;
        this.anchor = kind == Kind.TEXT && !caseSensitive ? anchor(expression) : -1;
        if (kind == Kind.REGEX) {
            this.literals = caseSensitive ? Literals.ofCaseSensitiveRegex(expression) : Literals.ofRegex(expression);
        } else {
            this.literals = caseSensitive || anchor >= 0 ? null : Literals.ofText(expression);
        }
    }

    /**
     * The first ASCII non-letter other than a space (no other character folds to it), else the first ASCII letter
     * whose only case forms are its lower and upper case (not k, s, i: the Kelvin sign, long s, dotted and dotless i
     * fold to them), else the first space; -1 when none.
     */
    private static int anchor(String text) {
        int letter = -1;
        int space = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                continue;
            }
            if (c == ' ') {
                space = space < 0 ? i : space;
            } else if (!Character.isLetter(c)) {
                return i;
            } else if (letter < 0 && "kKsSiI".indexOf(c) < 0) {
                letter = i;
            }
        }
        return letter >= 0 ? letter : space;
    }

    /** Messages that contain {@code text}; an empty text matches every message. */
    public static Query text(String text, boolean caseSensitive) {
        java.util.Objects.requireNonNull(text, "text");
        Pattern p = caseSensitive ? null : Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new Query(Kind.TEXT, text, caseSensitive, p);
    }

    /**
     * Messages in which {@code regex} finds a match.
     *
     * @throws InvalidQueryException naming the expression, the position and the problem when it does not compile
     */
    public static Query regex(String regex, boolean caseSensitive) {
        java.util.Objects.requireNonNull(regex, "regex");
        try {
            int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            return new Query(Kind.REGEX, regex, caseSensitive, Pattern.compile(regex, flags));
        } catch (PatternSyntaxException e) {
            throw new InvalidQueryException(regex, e.getIndex(), e.getDescription());
        }
    }

    public Kind kind() {
        return kind;
    }

    public String expression() {
        return expression;
    }

    public boolean caseSensitive() {
        return caseSensitive;
    }

    /** True when {@code message} matches; for one-off checks (a scan reuses a {@link Matcher} per thread). */
    public boolean matches(String message) {
        return matches(matcher(), message);
    }

    /** A matcher to reuse across messages on one thread; null for case-sensitive text, which needs none. */
    Matcher matcher() {
        return pattern == null ? null : pattern.matcher("");
    }

    boolean matches(Matcher m, String message) {
        if (m == null) {
            return message.contains(expression);
        }
        if (anchor >= 0) {
            return containsIgnoringCase(message);
        }
        return (literals == null || literals.foundIn(message)) && m.reset(message).find();
    }

    /**
     * Where the query matches in {@code message}, for showing the hits: start and end (exclusive) of every match, left
     * to right and not overlapping, as {@code [start0, end0, start1, end1, ...]}; empty when it does not match. Empty
     * matches of a regex are left out (they have nothing to mark).
     */
    public int[] find(String message) {
        int[] out = new int[8];
        int n = 0;
        if (pattern == null) {
            int len = expression.length();
            for (int p = len == 0 ? -1 : message.indexOf(expression); p >= 0; p = message.indexOf(expression, p + len)) {
                out = room(out, n);
                out[n++] = p;
                out[n++] = p + len;
            }
            return java.util.Arrays.copyOf(out, n);
        }
        Matcher m = pattern.matcher(message);
        while (m.find()) {
            if (m.end() > m.start()) {
                out = room(out, n);
                out[n++] = m.start();
                out[n++] = m.end();
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[] room(int[] a, int n) {
        return n + 2 <= a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
    }

    private boolean containsIgnoringCase(String s) {
        int len = expression.length();
        char a = expression.charAt(anchor);
        char lower = Character.toLowerCase(a);
        char upper = Character.toUpperCase(a);
        int last = s.length() - len + anchor;
        for (int p = anchor; p <= last; p++) {
            if (lower == upper) {
                p = s.indexOf(a, p);
                if (p < 0 || p > last) {
                    return false;
                }
            } else {
                char c = s.charAt(p);
                if (c != lower && c != upper) {
                    continue;
                }
            }
            if (s.regionMatches(true, p - anchor, expression, 0, len)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return (kind == Kind.TEXT ? "text '" : "regex '") + expression + "'" + (caseSensitive ? "" : " (ignoring case)");
    }
}
