package io.faultline.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Texts of which every match of a pattern contains at least one, found in a message without the regex engine: a message
 * that holds none of them cannot match, so the pattern runs only on the messages that do. It is a filter in front of the
 * pattern, never a replacement: it may pass messages the pattern then refuses, it never refuses one the pattern would
 * match.
 *
 * <p>Ignoring case ({@link #ofRegex}), a character of a text stands for every character the pattern would take in its
 * place whatever its case flags:
 * itself, and each {@code c} whose fold {@code toLowerCase(toUpperCase(c))} equals its own fold or which equals its fold
 * (what {@link Pattern}'s literal nodes accept with {@code CASE_INSENSITIVE | UNICODE_CASE}, a superset of what they
 * accept with ASCII-only or no case folding). So the Kelvin sign stands in for {@code k}, the long s for {@code s}, the
 * dotless and dotted I for {@code i}. No character of the supplementary planes folds to or from one of the basic plane
 * ({@code CaseInsensitiveSearchTest} checks this on every code point), so one text character is always one message
 * {@code char}. Case-sensitive ({@link #ofCaseSensitiveRegex}), a text is looked for exactly with
 * {@link String#indexOf(String)}, unless the regex turns case folding on with an inline {@code i} flag, which brings back
 * the stand-ins.
 *
 * <p>The texts of a regex are read from its syntax by a small parser that knows what is surely literal (plain
 * characters, escaped punctuation, {@code \Q...\E}) and treats everything else as "any text here" (classes, {@code .},
 * escapes such as {@code \d}, back-references, anchors, look-arounds, optional parts); alternatives give several texts,
 * one of which must be there. A syntax it does not follow exactly (comments mode, canonical equivalence, unusual
 * escapes) gives no texts, and the pattern then runs on every message.
 */
final class Literals {
    /** More alternatives than this and the pattern runs on every message. */
    static final int MAX_TEXTS = 16;

    /** Per {@code char}, {@code toLowerCase(toUpperCase(c))}: the fold of {@link Pattern}'s {@code UNICODE_CASE}. */
    private static final int[] FOLD = new int[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = Character.toLowerCase(Character.toUpperCase(c));
        }
    }

    /** A leading literal at least this long is scanned for by {@link Pattern} itself, with Boyer-Moore. */
    static final int PATTERN_SCANS_FROM = 4;

    private final Needle[] needles;

    private Literals(List<String> texts, boolean exact) {
        this.needles = texts.stream().map(t -> exact ? new Exact(t) : new Folded(t)).toArray(Needle[]::new);
    }

    /**
     * For a regex (which compiles) ignoring case: the texts of which every match holds one, each character as any of its
     * stand-ins; null when the parser finds none or does not follow the syntax.
     */
    static Literals ofRegex(String regex) {
        List<String> texts = new Parser(regex).parse();
        return texts == null ? null : new Literals(texts, false);
    }

    /**
     * For a case-sensitive regex (which compiles): the texts of which every match holds one, looked for exactly, or with
     * their stand-ins when an inline flag turns case folding on anywhere in it. Null when the parser finds none or does
     * not follow the syntax, and when {@link Pattern} scans fast on its own: the regex starts (after inline flags that do
     * not fold case) with at least {@value #PATTERN_SCANS_FROM} literal characters and has no alternation outside a
     * group, so that {@code Pattern} looks for that literal with Boyer-Moore and a scan before it would only be a
     * second pass over the messages that hold it.
     */
    static Literals ofCaseSensitiveRegex(String regex) {
        Parser parser = new Parser(regex);
        List<String> texts = parser.parse();
        if (texts == null || parser.leadingLiterals() >= PATTERN_SCANS_FROM && !parser.alternatesAtTop()) {
            return null;
        }
        return new Literals(texts, !parser.foldsCase());
    }

    /** For a quoted text: its longest stretch of characters usable as a text, or null when it has none. */
    static Literals ofText(String text) {
        List<String> best = null;
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && usable(text.charAt(i))) {
                run.append(text.charAt(i));
            } else {
                best = Parser.better(best, Parser.flush(run));
            }
        }
        return best == null ? null : new Literals(best, false);
    }

    /** The texts, for tests and messages. */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Needle n : needles) {
            out.add(n.text());
        }
        return out;
    }

    /** True when the texts are looked for exactly, each character as itself only. */
    boolean exact() {
        return needles.length > 0 && needles[0] instanceof Exact;
    }

    /** True when {@code s} holds one of the texts, each character as any of the characters it stands for. */
    boolean foundIn(String s) {
        for (Needle n : needles) {
            if (n.in(s)) {
                return true;
            }
        }
        return false;
    }

    /** A character that may be part of a text: in the basic plane, not a surrogate, folding within the basic plane. */
    static boolean usable(char c) {
        return !Character.isSurrogate(c) && FOLD[c] <= Character.MAX_VALUE;
    }

    /** Every {@code char} that stands for {@code p}: itself, its fold, and each character of the same fold. */
    static char[] standsFor(char p) {
        int f = FOLD[p];
        StringBuilder out = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (c == p || c == f || FOLD[c] == f) {
                out.append((char) c);
            }
        }
        return out.toString().toCharArray();
    }

    /** One text and how it is looked for in a message. */
    private sealed interface Needle permits Exact, Folded {
        String text();

        boolean in(String s);
    }

    /** A text looked for exactly, with {@link String#indexOf(String)} (a vectorised intrinsic on Latin-1 strings). */
    private record Exact(String text) implements Needle {
        @Override
        public boolean in(String s) {
            return s.indexOf(text) >= 0;
        }
    }

    /**
     * One text: scanned for with {@link String#indexOf(int, int)} for each character that stands for its anchor (the
     * character with the fewest of them below 256, common letters and the space last), then compared at each place found.
     */
    private static final class Folded implements Needle {
        /** Characters most frequent in log messages, most frequent first; a later one makes a better anchor. */
        private static final String COMMON = " eatoinsrlhdcu0123456789.:=-/_";

        final char[] text;
        final int[] folded;
        final int anchor;
        final char[] anchorChars;

        Folded(String text) {
            this.text = text.toCharArray();
            this.folded = new int[this.text.length];
            int best = 0;
            for (int j = 0; j < this.text.length; j++) {
                folded[j] = FOLD[this.text[j]];
                if (cost(this.text[j]) < cost(this.text[best])) {
                    best = j;
                }
            }
            this.anchor = best;
            this.anchorChars = standsFor(this.text[best]);
        }

        /**
         * Scans over a Latin-1 message (most are) cost one per character below 256 that stands for {@code p}:
         * {@code indexOf} answers at once for a character the string cannot hold. Then commoner characters cost more.
         */
        private static int cost(char p) {
            int f = FOLD[p];
            int latin1 = 0;
            for (int c = 0; c < 256; c++) {
                if (c == p || c == f || FOLD[c] == f) {
                    latin1++;
                }
            }
            int common = COMMON.indexOf(Character.toLowerCase(p));
            return latin1 * 100 + (common < 0 ? 0 : COMMON.length() - common);
        }

        @Override
        public String text() {
            return new String(text);
        }

        @Override
        public boolean in(String s) {
            int last = s.length() - text.length;
            if (last < 0) {
                return false;
            }
            for (char a : anchorChars) {
                for (int p = s.indexOf(a, anchor); p >= 0 && p - anchor <= last; p = s.indexOf(a, p + 1)) {
                    if (at(s, p - anchor)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean at(String s, int start) {
            for (int j = 0; j < text.length; j++) {
                char c = s.charAt(start + j);
                if (c != text[j] && c != folded[j] && FOLD[c] != folded[j]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Reads the texts a regex requires: an alternation requires one of its alternatives' texts, a sequence the best of
     * its parts' (the run of literal characters or group whose shortest text is longest). A part that is optional or
     * not a literal ends a run. Null stands for "no requirement".
     */
    private static final class Parser {
        private final String re;
        private int i;
        /** Groups open at {@code i}. */
        private int depth;
        private boolean alternatesAtTop;
        private boolean foldsCase;
        /** Whether the regex so far is the literal characters counted in {@code leadingLiterals}, after flags. */
        private boolean leading = true;
        private int leadingLiterals;

        Parser(String re) {
            this.re = re;
        }

        /** After {@link #parse}: whether an alternation lies outside every group. */
        boolean alternatesAtTop() {
            return alternatesAtTop;
        }

        /** After {@link #parse}: whether an inline flag turns case folding on ({@code (?i)}, {@code (?iu:...)}). */
        boolean foldsCase() {
            return foldsCase;
        }

        /**
         * After {@link #parse}: how many literal characters, none quantified, the regex starts with (after inline flags
         * that do not fold case), which {@link Pattern} joins into the one literal it starts its search with.
         */
        int leadingLiterals() {
            return leadingLiterals;
        }

        /** The texts, or null (none found, or a syntax not followed). */
        List<String> parse() {
            try {
                List<String> texts = alternation();
                return i == re.length() ? texts : null;
            } catch (NotFollowed e) {
                return null;
            }
        }

        private List<String> alternation() {
            List<String> any = new ArrayList<>();
            boolean none = false;
            while (true) {
                List<String> seq = sequence();
                if (seq == null) {
                    none = true;
                } else {
                    any.addAll(seq);
                }
                if (i < re.length() && re.charAt(i) == '|') {
                    i++;
                    alternatesAtTop |= depth == 0;
                    leading = false;
                } else {
                    return none || any.size() > MAX_TEXTS ? null : any;
                }
            }
        }

        /** What one part of a sequence is: a literal character, a group with its texts, or anything else. */
        private record Atom(char literal, boolean isLiteral, List<String> group, boolean isGroup) {
            static final Atom OTHER = new Atom((char) 0, false, null, false);
            static final Atom FLAGS = new Atom((char) 0, false, null, false);

            static Atom literal(char c) {
                return usable(c) ? new Atom(c, true, null, false) : OTHER;
            }

            static Atom group(List<String> texts) {
                return new Atom((char) 0, false, texts, true);
            }
        }

        private List<String> sequence() {
            StringBuilder run = new StringBuilder();
            List<String> best = null;
            while (i < re.length()) {
                char c = re.charAt(i);
                if (c == '|' || c == ')') {
                    break;
                }
                if (c == '\\' && i + 1 < re.length() && re.charAt(i + 1) == 'Q') {
                    int end = re.indexOf("\\E", i + 2);
                    String quoted = re.substring(i + 2, end < 0 ? re.length() : end);
                    i = end < 0 ? re.length() : end + 2;
                    if (quoted.isEmpty()) {
                        if (quantifier() >= 0) {
                            throw new NotFollowed();
                        }
                        continue;
                    }
                    for (int k = 0; k < quoted.length(); k++) {
                        Atom a = Atom.literal(quoted.charAt(k));
                        int min = k == quoted.length() - 1 ? quantifier() : -1;
                        lead(a, min);
                        best = add(run, best, a, min);
                    }
                    continue;
                }
                Atom a = atom();
                int min = quantifier();
                if (a == Atom.FLAGS) {
                    if (min >= 0) {
                        throw new NotFollowed();
                    }
                    leading &= leadingLiterals == 0 && !foldsCase;
                    best = better(best, flush(run));
                    continue;
                }
                lead(a, min);
                best = add(run, best, a, min);
            }
            return better(best, flush(run));
        }

        /** Counts {@code a} (quantified when {@code min >= 0}) into the leading literal, or ends it. */
        private void lead(Atom a, int min) {
            if (depth == 0 && leading) {
                if (a.isLiteral() && min < 0) {
                    leadingLiterals++;
                } else {
                    leading = false;
                }
            }
        }

        /** Adds {@code a}, repeated at least {@code min} times (-1: not quantified), to the run or to the candidates. */
        private static List<String> add(StringBuilder run, List<String> best, Atom a, int min) {
            if (a.isLiteral()) {
                if (min != 0) {
                    run.append(a.literal());
                }
                return min < 0 ? best : better(best, flush(run));
            }
            List<String> b = better(best, flush(run));
            return a.isGroup() && min != 0 ? better(b, a.group()) : b;
        }

        static List<String> flush(StringBuilder run) {
            if (run.isEmpty()) {
                return null;
            }
            List<String> one = List.of(run.toString());
            run.setLength(0);
            return one;
        }

        /** The requirement whose shortest text is longer, then the one with fewer texts; null is no requirement. */
        static List<String> better(List<String> a, List<String> b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            int la = shortest(a);
            int lb = shortest(b);
            return lb > la || lb == la && b.size() < a.size() ? b : a;
        }

        private static int shortest(List<String> texts) {
            int min = Integer.MAX_VALUE;
            for (String t : texts) {
                min = Math.min(min, t.length());
            }
            return min;
        }

        /** The least repetition of a quantifier at {@code i} (consumed, with a lazy or possessive mark), -1 when none. */
        private int quantifier() {
            if (i >= re.length()) {
                return -1;
            }
            int min;
            switch (re.charAt(i)) {
                case '?', '*' -> {
                    i++;
                    min = 0;
                }
                case '+' -> {
                    i++;
                    min = 1;
                }
                case '{' -> {
                    int close = re.indexOf('}', i);
                    if (close < 0 || !re.substring(i + 1, close).matches("\\d{1,9}(,\\d{0,9})?")) {
                        throw new NotFollowed();
                    }
                    String first = re.substring(i + 1, close).split(",", -1)[0];
                    min = Integer.parseInt(first);
                    i = close + 1;
                }
                default -> {
                    return -1;
                }
            }
            if (i < re.length() && (re.charAt(i) == '?' || re.charAt(i) == '+')) {
                i++;
            }
            return min;
        }

        private Atom atom() {
            char c = re.charAt(i);
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    i = classEnd(i);
                    return Atom.OTHER;
                }
                case '.', '^', '$' -> {
                    i++;
                    return Atom.OTHER;
                }
                case '\\' -> {
                    return escape();
                }
                case '*', '+', '?', '{' -> throw new NotFollowed();
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < re.length() && Character.isLowSurrogate(re.charAt(i + 1))) {
                        i += 2;
                        return Atom.OTHER;
                    }
                    i++;
                    return Atom.literal(c);
                }
            }
        }

        private Atom group() {
            i++;
            boolean lookaround = false;
            if (i < re.length() && re.charAt(i) == '?') {
                i++;
                char g = i < re.length() ? re.charAt(i) : 0;
                if (g == ':' || g == '>') {
                    i++;
                } else if (g == '=' || g == '!') {
                    i++;
                    lookaround = true;
                } else if (g == '<' && i + 1 < re.length() && (re.charAt(i + 1) == '=' || re.charAt(i + 1) == '!')) {
                    i += 2;
                    lookaround = true;
                } else if (g == '<') {
                    int close = re.indexOf('>', i);
                    if (close < 0 || !re.substring(i + 1, close).matches("[a-zA-Z][a-zA-Z0-9]*")) {
                        throw new NotFollowed();
                    }
                    i = close + 1;
                } else {
                    int start = i;
                    while (i < re.length() && "idmsuU-".indexOf(re.charAt(i)) >= 0) {
                        i++;
                    }
                    if (i == start || i >= re.length() || re.charAt(i) != ')' && re.charAt(i) != ':') {
                        throw new NotFollowed();
                    }
                    int off = re.indexOf('-', start);
                    int on = re.indexOf('i', start);
                    foldsCase |= on >= 0 && on < i && (off < 0 || off > on);
                    if (re.charAt(i++) == ')') {
                        return Atom.FLAGS;
                    }
                }
            }
            depth++;
            List<String> inner = alternation();
            depth--;
            if (i >= re.length() || re.charAt(i) != ')') {
                throw new NotFollowed();
            }
            i++;
            return lookaround ? Atom.OTHER : Atom.group(inner);
        }

        private Atom escape() {
            if (i + 1 >= re.length()) {
                throw new NotFollowed();
            }
            char e = re.charAt(i + 1);
            i += 2;
            if (e < 128 && !Character.isLetterOrDigit(e)) {
                return Atom.literal(e);
            }
            if (e >= 128) {
                throw new NotFollowed();
            }
            if ("dDsSwWhHvVRXBAGZztnrfae".indexOf(e) >= 0) {
                return Atom.OTHER;
            }
            if (e == 'b') {
                if (i < re.length() && re.charAt(i) == '{') {
                    throw new NotFollowed();
                }
                return Atom.OTHER;
            }
            if (e >= '1' && e <= '9') {
                while (i < re.length() && Character.isDigit(re.charAt(i)) && re.charAt(i) < 128) {
                    i++;
                }
                return Atom.OTHER;
            }
            switch (e) {
                case 'p', 'P' -> {
                    if (i < re.length() && re.charAt(i) == '{') {
                        i = closing('}');
                    } else {
                        i++;
                    }
                }
                case 'x' -> i = i < re.length() && re.charAt(i) == '{' ? closing('}') : i + 2;
                case 'u' -> i += 4;
                case 'c' -> i++;
                case 'k' -> {
                    if (i >= re.length() || re.charAt(i) != '<') {
                        throw new NotFollowed();
                    }
                    i = closing('>');
                }
                default -> throw new NotFollowed();
            }
            if (i > re.length()) {
                throw new NotFollowed();
            }
            return Atom.OTHER;
        }

        /** The index after the next {@code close} from {@code i}. */
        private int closing(char close) {
            int at = re.indexOf(close, i);
            if (at < 0) {
                throw new NotFollowed();
            }
            return at + 1;
        }

        /**
         * The index after the character class that opens at {@code start}: the shortest prefix from there that compiles
         * on its own. Java's class syntax (nesting, intersections, quoting, a leading {@code ]}) decides where a class
         * closes from what comes before, never after, so a shorter prefix is still an open class and does not compile.
         */
        private int classEnd(int start) {
            for (int end = start + 2; end <= re.length(); end++) {
                if (re.charAt(end - 1) == ']' && compiles(re.substring(start, end))) {
                    return end;
                }
            }
            throw new NotFollowed();
        }

        private static boolean compiles(String regex) {
            try {
                Pattern.compile(regex);
                return true;
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
    }

    /** The parser met syntax it does not follow exactly: the regex gets no texts. */
    private static final class NotFollowed extends RuntimeException {
        NotFollowed() {
            super(null, null, false, false);
        }
    }
}
