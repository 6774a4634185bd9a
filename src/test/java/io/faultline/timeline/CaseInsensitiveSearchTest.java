package io.faultline.timeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches ignoring case look for a required text before they run the pattern ({@link Literals}); they must find exactly
 * what {@link Pattern} with {@code CASE_INSENSITIVE | UNICODE_CASE} finds, on every message, for every pattern.
 */
class CaseInsensitiveSearchTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /**
     * Words with the characters whose case folding is not one-to-one: Kelvin sign, long s, dotted and dotless I, sharp s
     * and its capital, the three sigmas, Greek letters with tonos, a title-case digraph, a ligature, Cyrillic, Armenian,
     * an emoji (a surrogate pair), a lone surrogate, combining marks, and log text.
     */
    static final List<String> WORDS = List.of("timed out", "TIMED OUT", "Timed Out", "blocked for more than 120 seconds",
            "BLOCKED", "\u212Aelvin", "kelvin", "KELVIN", "\u017Ftatus", "STATUS", "status", "\u0130stanbul", "istanbul", "ISTANBUL",
            "\u0131", "I", "i", "straße", "STRASSE", "STRAẞE", "strasse", "ΣΊΣΥΦΟΣ", "σίσυφος", "σίσυφοσ", "ς", "σ", "Σ", "ΐ", "Ϊ́",
            "ǅ", "ǆ", "Ǆ", "ﬀ", "FF", "ошибка", "ОШИБКА", "Ошибка", "ﬓ", "մն", "😀", "\uD83D", "e\u0301", "É", "é", "ÿ", "Ÿ", "µ",
            "μ", "Μ", "ß", "ſ", "K", "k", "S", "s", "Failed password for root from 203.0.113.7", "failed PASSWORD", "203.0.113.",
            "(limit 5min)!", "[preauth]", "a.b", "a+b", "\\", "$1", "ab", "abab", "aBAb", " ", "", "x", "-", "\t", "\n");

    /** Regexes written for the corner cases, then as many again generated. */
    static final List<String> PATTERNS = List.of("", "k", "K", "\u212A", "s", "ſ", "i", "ı", "İ", "ß", "ẞ", "σ", "ς", "Σ",
            "kelvin", "\u212AELVIN", "ſtatus", "STATUS", "ıstanbul", "İSTANBUL", "straße", "STRASSE", "σίσυφος", "ΣΊΣΥΦΟΣ", "ǅ",
            "ﬀ", "ошибка", "😀", "😀+", "e\u0301", "É", "ÿ", "µ", "timed out|blocked for more than \\d+ seconds",
            "Failed password for .* from 203\\.0\\.113\\.", "^failed", "password$", "\\bkelvin\\b", "(ab)\\1", "(a)(b)\\2\\1",
            "(?<w>ab)\\k<w>", "[k]elvin", "[^x]tatus", "[\\w&&[^s]]tatus", "[]a]", "[\\Q]\\E]x", "\\Qa.b\\E", "\\Q(limit\\E 5min",
            "\\Qa\\E+b", "a\\Q\\E", "x{0}timed", "time?d", "tim(e)?d", "tim(?:e|E)d out", "ti(?=m)med", "(?<!x)timed", "(?!x)k",
            "(?i)kelvin", "(?-i)kelvin", "(?-u)kelvin", "(?-iu:K)elvin", "(?u)ſ", "(?x)k e l v i n", "(?c)É", "a++b", "a*+b",
            "ab{2}", "(ab){2,}", "a{1,3}?b", "\\x41b", "\\x{41}B", "\\u0041B", "\\0101B", "\\cAx", "\\p{L}tatus", "\\pLtatus",
            "\\P{Lu}tatus", "\\N{LATIN SMALL LETTER K}elvin", "\\e|\\a", "\\t", "\\n", "\\Rx", "\\X", "\\b{g}k", "\\Gk", "\\Ak",
            "k\\z", "k\\Z", "\\.", "\\$1", "\\\\", "a|", "|a", "(|a)b", "()k", "(?:)k", "k|s|i|ı|ß|σ", "[sS]tatus", "\\sout",
            "\\d+ seconds", ".", "^$", "^", "$", "x*", "(?s).", "(?m)^k", "(?d)k$", "(?U)\\w+tatus", "(?i:K)ELVIN");

    @Test
    void everyRegexIgnoringCaseFindsWhatThePatternFinds() {
        List<String> messages = messages(new Random(7), 3_000);
        List<String> patterns = new ArrayList<>(PATTERNS);
        Random random = new Random(11);
        while (patterns.size() < PATTERNS.size() + 400) {
            String r = randomRegex(random);
            if (compiles(r)) {
                patterns.add(r);
            }
        }
        long found = 0;
        long pairs = 0;
        for (String r : patterns) {
            Pattern reference = Pattern.compile(r, FLAGS);
            Query q = Query.regex(r, false);
            Literals literals = Literals.ofRegex(r);
            found += assertSameHits(r, q, literals, reference, messages);
            pairs += messages.size();
        }
        assertThat(found).as("matching pairs of %,d", pairs).isBetween(pairs / 20, pairs - pairs / 20);
    }

    @Test
    void everyTextIgnoringCaseFindsWhatTheQuotedPatternFinds() {
        List<String> messages = messages(new Random(5), 3_000);
        List<String> texts = new ArrayList<>(WORDS);
        Random random = new Random(3);
        for (int n = 0; n < 200; n++) {
            String w = WORDS.get(random.nextInt(WORDS.size()));
            int from = w.isEmpty() ? 0 : random.nextInt(w.length());
            texts.add(w.substring(from, from + random.nextInt(w.length() - from + 1)));
        }
        for (String t : texts) {
            Pattern reference = Pattern.compile(Pattern.quote(t), FLAGS);
            Query q = Query.text(t, false);
            for (String m : messages) {
                assertThat(q.matches(m)).as("text '%s' on '%s'", t, m).isEqualTo(reference.matcher(m).find());
            }
        }
    }

    @Test
    void theTextsAreWhatEveryMatchMustHold() {
        assertThat(Literals.ofRegex("timed out|blocked for more than \\d+ seconds").texts())
                .containsExactly("timed out", "blocked for more than ");
        assertThat(Literals.ofRegex("Failed password for .* from 203\\.0\\.113\\.").texts()).containsExactly("Failed password for ");
        assertThat(Literals.ofRegex("tim(?:e|E)d out").texts()).containsExactly("d out");
        assertThat(Literals.ofRegex("(warn|error)ing: disk").texts()).containsExactly("ing: disk");
        assertThat(Literals.ofRegex("(warning|error): x").texts()).containsExactly("warning", "error");
        assertThat(Literals.ofRegex("time?d").texts()).containsExactly("tim");
        assertThat(Literals.ofRegex("ab+c").texts()).containsExactly("ab");
        assertThat(Literals.ofRegex("\\Qa.b\\E*x").texts()).containsExactly("a.");
        assertThat(Literals.ofRegex("\\bkelvin\\b").texts()).containsExactly("kelvin");
        assertThat(Literals.ofRegex("[]a]bc").texts()).containsExactly("bc");
        assertThat(Literals.ofRegex("😀abc").texts()).containsExactly("abc");
        for (String none : List.of("", "a|", "x*", "\\d+", "(?x)kelvin", "(?c)kelvin", "\\0101", "\\N{LATIN SMALL LETTER K}",
                "\\b{g}k", "(?=kelvin)", "{2}k")) {
            assertThat(Literals.ofRegex(none)).as(none).isNull();
        }
    }

    @Test
    void aTextCharacterStandsForEveryCharacterOfTheSameFold() {
        assertThat(new String(Literals.standsFor('k'))).isEqualTo("Kk\u212A");
        assertThat(new String(Literals.standsFor('S'))).isEqualTo("Ss\u017F");
        assertThat(new String(Literals.standsFor('i'))).isEqualTo("Ii\u0130\u0131");
        assertThat(new String(Literals.standsFor('\u0131'))).isEqualTo("Ii\u0130\u0131");
        assertThat(new String(Literals.standsFor('σ'))).isEqualTo("Σςσ");
        assertThat(new String(Literals.standsFor('-'))).isEqualTo("-");
        assertThat(new String(Literals.standsFor('e'))).isEqualTo("Ee");
    }

    /** So one text character is one message char: no code point above U+FFFF folds into the basic plane or out of it. */
    @Test
    void noSupplementaryCodePointFoldsToOrFromTheBasicPlane() {
        for (int cp = Character.MIN_SUPPLEMENTARY_CODE_POINT; cp <= Character.MAX_CODE_POINT; cp++) {
            assertThat(Character.toLowerCase(Character.toUpperCase(cp))).as("U+%X", cp).isGreaterThan(Character.MAX_VALUE);
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            assertThat(Character.toLowerCase(Character.toUpperCase(c))).as("U+%X", c).isLessThanOrEqualTo(Character.MAX_VALUE);
        }
    }

    /** Messages made of the words, each maybe upper- or lower-cased, with a random character here and there. */
    /**
     * Checks that {@code q} finds regex {@code r} in the same messages as {@code reference}, and that each message it is
     * in holds one of {@code literals}' texts (unless null); returns how many it is in.
     */
    static int assertSameHits(String r, Query q, Literals literals, Pattern reference, List<String> messages) {
        int found = 0;
        for (String m : messages) {
            boolean expected = reference.matcher(m).find();
            assertThat(q.matches(m)).as("regex '%s' on '%s'", r, m).isEqualTo(expected);
            if (expected && literals != null) {
                assertThat(literals.foundIn(m)).as("texts %s of '%s' in '%s'", literals.texts(), r, m).isTrue();
            }
            found += expected ? 1 : 0;
        }
        return found;
    }

    static List<String> messages(Random random, int n) {
        List<String> out = new ArrayList<>(List.of("", " ", "k", "\u212A", "ſ", "ı", "İ"));
        String extra = "kKsSiIıİſ\u212Aσςςß-. 0123456789😀\uDE00";
        while (out.size() < n) {
            StringBuilder m = new StringBuilder();
            int words = random.nextInt(6);
            for (int w = 0; w < words; w++) {
                String word = WORDS.get(random.nextInt(WORDS.size()));
                switch (random.nextInt(4)) {
                    case 0 -> word = word.toUpperCase(java.util.Locale.ROOT);
                    case 1 -> word = word.toLowerCase(java.util.Locale.ROOT);
                    default -> {
                    }
                }
                m.append(word);
                if (random.nextInt(3) == 0) {
                    m.append(extra.charAt(random.nextInt(extra.length())));
                } else {
                    m.append(' ');
                }
            }
            out.add(m.toString());
        }
        return out;
    }

    /** A regex of literals from the words, escapes, classes, groups, quantifiers, flags, anchors and back-references. */
    static String randomRegex(Random random) {
        StringBuilder r = new StringBuilder();
        int parts = 1 + random.nextInt(5);
        for (int p = 0; p < parts; p++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            switch (random.nextInt(16)) {
                case 0 -> r.append(Pattern.quote(word));
                case 1 -> r.append('(').append(escape(word)).append(')');
                case 2 -> r.append("(?:").append(escape(word)).append('|').append(escape(WORDS.get(random.nextInt(WORDS.size())))).append(')');
                case 3 -> r.append('[').append(escape(word.isEmpty() ? "k" : word.substring(0, 1))).append("s]");
                case 4 -> r.append(random.nextBoolean() ? "\\d+" : "\\s*");
                case 5 -> r.append(".*");
                case 6 -> r.append(random.nextBoolean() ? "\\b" : "^");
                case 7 -> r.append(escape(word)).append(List.of("?", "*", "+", "{2}", "{0,2}", "??", "*+", "{1,}").get(random.nextInt(8)));
                case 8 -> r.append('|');
                case 9 -> {
                    String[] around = List.of(new String[] {"(?i)", ""}, new String[] {"(?-i)", ""}, new String[] {"(?-u)", ""},
                            new String[] {"(?iu:", ")"}, new String[] {"(?=", ")"}, new String[] {"(?<!", ")"}).get(random.nextInt(6));
                    r.append(around[0]).append(escape(word)).append(around[1]);
                }
                case 10 -> r.append("(a|b)\\1");
                case 11 -> r.append(escape(word)).append('$');
                default -> r.append(escape(word));
            }
        }
        return r.toString();
    }

    /** Backslash before every ASCII character that is not a letter, digit or space. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 128 && !Character.isLetterOrDigit(c) && c != ' ') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex, FLAGS);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
