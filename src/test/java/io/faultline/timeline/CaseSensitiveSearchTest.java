package io.faultline.timeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Case-sensitive regexes that {@link Pattern} cannot scan for on its own look for a required text first
 * ({@link Literals#ofCaseSensitiveRegex}); they must find exactly what {@link Pattern} with no flags finds, on every
 * message, for every pattern. The words, messages and generated regexes are {@link CaseInsensitiveSearchTest}'s: words in
 * several cases, with the characters whose case folding is not one-to-one.
 */
class CaseSensitiveSearchTest {
    /** Corner cases of the case-sensitive path, on top of {@link CaseInsensitiveSearchTest#PATTERNS}. */
    private static final List<String> PATTERNS = List.of("timed out|blocked for more than \\d+ seconds",
            "TIMED OUT|blocked for more than \\d+ seconds", "timed out|BLOCKED", "(timed out|Timed Out) ", "[Tt]imed out",
            "\\btimed out\\b|\\bblocked\\b", "^timed out|seconds$", "(?:blocked for )?more than", "(blocked)? for more",
            "(ab)\\1|kelvin", "(?<w>ab)\\k<w>|STATUS", "(?<=timed )out|(?<!x)blocked", "(?=timed)timed out", "(?!timed)imed out",
            "x?timed out", ".*timed out", "\\d+ seconds", "[0-9]+ seconds|timed", "(?i)timed out", "(?i)TIMED OUT",
            "\\d(?i)timed", "x|(?i:TIMED) out", "[ab](?i)Kelvin", "(?iu)ſtatus", "\\s(?iu)ΣΊΣΥΦΟΣ", "(?i)\u212Aelvin|(?-i)x",
            "(?-i)timed out|x", "(?u)ſtatus|x", "(?s).timed out", "(?m)^timed out|x", "(?s)timed out", "(?m)timed out",
            "(?i)kelvin", "kelvin(?i)", "a(?i)bc", "\\Qtimed out\\E|\\Q[preauth]\\E", "\\Q(limit\\E|x", "\\Q\\E|timed",
            "a|", "|timed out", "(|a)timed", "timed out||x", "(?:)timed out|x", "\u212Aelvin|ſtatus", "\u0130stanbul|ı",
            "ΣΊΣΥΦΟΣ|σίσυφος", "ß|STRASSE", "ﬀ|FF", "ошибка|ОШИБКА", "😀|x", "x😀timed", "[😀x]timed", "e\u0301|É",
            "(a|b)\\1timed", "[\\w&&[^s]]tatus|Kelvin", "[]a]|timed", "a{2}|blocked", "(ab){2,}|timed", "tim(?:e|E)d out",
            "\\x41|timed", "\\u0041|blocked", "\\0101|blocked", "\\p{Lu}TIMED", "\\P{L}timed out", "\\t|\\n|timed",
            "(?x)timed\\ out|x", "(?c)É|x", "(?d)timed out$|x", "(?U)\\w+tatus", "\\Gtimed|x", "\\Atimed|x", "timed\\z|x",
            "timed\\Z|x", "[^x]timed out", "\\.|\\$1", "ab+c|abab", "a++b|x", "abcde+|x", "abcd", "Failed password",
            "Failed password for .* from 203\\.0\\.113\\.", "(?s)Failed password", "(?i)Failed password", "(Failed) password",
            "Fai|led");

    @Test
    void everyCaseSensitiveRegexFindsWhatThePatternFinds() {
        List<String> messages = CaseInsensitiveSearchTest.messages(new Random(17), 3_000);
        List<String> patterns = new ArrayList<>(PATTERNS);
        patterns.addAll(CaseInsensitiveSearchTest.PATTERNS);
        int handWritten = patterns.size();
        Random random = new Random(19);
        while (patterns.size() < handWritten + 600) {
            String r = CaseInsensitiveSearchTest.randomRegex(random);
            if (compiles(r)) {
                patterns.add(r);
            }
        }
        long found = 0;
        long pairs = 0;
        int exact = 0;
        int folded = 0;
        for (String r : patterns) {
            Pattern reference = Pattern.compile(r);
            Query q = Query.regex(r, true);
            Literals literals = Literals.ofCaseSensitiveRegex(r);
            if (literals != null) {
                exact += literals.exact() ? 1 : 0;
                folded += literals.exact() ? 0 : 1;
            }
            found += CaseInsensitiveSearchTest.assertSameHits(r, q, literals, reference, messages);
            pairs += messages.size();
        }
        assertThat(found).as("matching pairs of %,d", pairs).isBetween(pairs / 50, pairs - pairs / 50);
        assertThat(exact).as("regexes scanned for exactly, of %d", patterns.size()).isGreaterThan(patterns.size() / 3);
        assertThat(folded).as("regexes scanned for with stand-ins, of %d", patterns.size()).isGreaterThan(30);
    }

    @Test
    void aRegexPatternCanScanForOnItsOwnGetsNoTexts() {
        for (String own : List.of("Failed password for .* from 203\\.0\\.113\\.", "abcd", "abcde+", "(?s)Failed password",
                "(?m)(?d)Failed", "\\Qtimed out\\E|", "kelvin(?i)", "timed\\.out(timed|x)", "\\Qab\\Ecd\\.e")) {
            assertThat(Literals.ofCaseSensitiveRegex(own)).as(own).isNull();
        }
        for (String none : List.of("", "a|", "x*", "\\d+", "(?x)timed out", "(?c)timed out", "(?=timed)", "timed out|\\d")) {
            assertThat(Literals.ofCaseSensitiveRegex(none)).as(none).isNull();
        }
    }

    @Test
    void otherRegexesGetTheirTextsExactlyOrWithStandInsWhenAFlagFoldsCase() {
        Literals alternation = Literals.ofCaseSensitiveRegex("timed out|blocked for more than \\d+ seconds");
        assertThat(alternation.texts()).containsExactly("timed out", "blocked for more than ");
        assertThat(alternation.exact()).isTrue();
        assertThat(alternation.foundIn("task blocked for more than 120 seconds")).isTrue();
        assertThat(alternation.foundIn("task BLOCKED for more than 120 seconds; Timed out")).isFalse();
        assertThat(Literals.ofCaseSensitiveRegex("abc+d").texts()).containsExactly("abc");
        assertThat(Literals.ofCaseSensitiveRegex("abcde+")).as("Pattern's leading literal is abcd, not abcde").isNull();
        assertThat(Literals.ofCaseSensitiveRegex("^time=\"[^\"]+\" level=error").texts()).containsExactly("\" level=error");
        assertThat(Literals.ofCaseSensitiveRegex("(Failed) password").texts()).containsExactly(" password");
        assertThat(Literals.ofCaseSensitiveRegex("[Tt]imed out").texts()).containsExactly("imed out");
        assertThat(Literals.ofCaseSensitiveRegex("abc|abcdef").texts()).containsExactly("abc", "abcdef");
        for (String folds : List.of("(?i)timed out", "\\d(?i)timed", "x|(?i:TIMED) out", "(?iu)ſtatus", "(?i)Failed password",
                "(?s-m:x)(?mi)abcd", "a(?-s)b(?i)c")) {
            Literals l = Literals.ofCaseSensitiveRegex(folds);
            assertThat(l).as(folds).isNotNull();
            assertThat(l.exact()).as(folds).isFalse();
        }
        for (String exact : List.of("(?-i)timed out|x", "(?s)x|timed", "(?u)ſtatus|x", "(?m-i)^timed")) {
            assertThat(Literals.ofCaseSensitiveRegex(exact).exact()).as(exact).isTrue();
        }
        Literals kelvin = Literals.ofCaseSensitiveRegex("x|(?iu)\u212Aelvin");
        assertThat(kelvin.foundIn("kelvin")).isTrue();
        assertThat(Query.regex("x|(?iu)\u212Aelvin", true).matches("KELVIN")).isTrue();
        assertThat(Query.regex("x|\u212Aelvin", true).matches("Kelvin")).isFalse();
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
