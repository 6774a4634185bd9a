package io.faultline.export;

import java.util.Arrays;
import java.util.List;

/**
 * Replaces whole terms in text in one left-to-right pass: at each place a term may start, the longest term that
 * matches there wins, and the scan goes on after it, so overlapping terms never mix ({@code alice} and
 * {@code alice@example.com}: the address wins where it stands, the name elsewhere). A term matches only where it
 * does not cut a word: the characters either side of it must not continue a word ({@link #wordChar}), so
 * {@code 10.0.0.1} does not match inside {@code 10.0.0.12} nor {@code pi} inside {@code api}; a term marked
 * "anywhere" (a secret) matches inside words too.
 *
 * <p>The terms sit in a trie with sorted child arrays, so the cost is the length of the text times the depth a walk
 * reaches (a character or two where nothing matches), whatever the number of terms: a hundred thousand addresses cost
 * no more per line than ten.
 */
final class TermMatcher {
    private static final char[] NO_CHARS = new char[0];
    private static final int[] NO_NODES = new int[0];

    private char[][] keys = new char[16][];
    private int[][] next = new int[16][];
    /** The index of the term ending at a node, or -1. */
    private int[] term = new int[16];
    private int nodes;
    private final String[] replacements;
    private final boolean[] anywhere;

    /** Counts replacements made by {@link #replace}; one slot per term, in the order given. */
    interface Counter {
        void count(int term);
    }

    /**
     * @param texts        the terms; an empty one is ignored, a repeated one matches as its first
     * @param replacements what each becomes, in the same order
     * @param anywhere     whether each term also matches inside a word (a secret glued to its option: {@code -pS3cret})
     */
    TermMatcher(List<String> texts, List<String> replacements, List<Boolean> anywhere) {
        this.replacements = replacements.toArray(new String[0]);
        this.anywhere = new boolean[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            this.anywhere[i] = anywhere.get(i);
        }
        newNode();
        for (int i = 0; i < texts.size(); i++) {
            if (!texts.get(i).isEmpty()) {
                add(texts.get(i), i);
            }
        }
    }

    /** Letters, digits, {@code _} and {@code -}: characters that continue a name, an address or a word. */
    static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    /** {@code text} with every term replaced; the same string when none occurs. */
    String replace(String text, Counter counter) {
        if (text == null || text.isEmpty() || nodes == 1) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            // a term starting inside a word would cut it: there only a term that matches anywhere may start
            boolean inWord = i > 0 && wordChar(c) && wordChar(text.charAt(i - 1));
            int node = 0;
            int found = -1;
            int foundEnd = -1;
            for (int j = i; j < n; j++) {
                node = child(node, text.charAt(j));
                if (node < 0) {
                    break;
                }
                int t = term[node];
                if (t >= 0 && (anywhere[t] || !inWord && (j + 1 == n || !wordChar(text.charAt(j + 1)) || !wordChar(text.charAt(j))))) {
                    found = t;
                    foundEnd = j + 1;
                }
            }
            if (found < 0) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + 16);
            }
            out.append(text, copied, i).append(replacements[found]);
            if (counter != null) {
                counter.count(found);
            }
            copied = foundEnd;
            i = foundEnd;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    private void add(String text, int index) {
        int node = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            int child = child(node, c);
            if (child < 0) {
                child = newNode();
                insertChild(node, c, child);
            }
            node = child;
        }
        if (term[node] < 0) {
            term[node] = index;
        }
    }

    private int child(int node, char c) {
        char[] k = keys[node];
        int at = Arrays.binarySearch(k, c);
        return at >= 0 ? next[node][at] : -1;
    }

    private void insertChild(int node, char c, int child) {
        char[] k = keys[node];
        int[] v = next[node];
        int at = -Arrays.binarySearch(k, c) - 1;
        char[] k2 = new char[k.length + 1];
        int[] v2 = new int[v.length + 1];
        System.arraycopy(k, 0, k2, 0, at);
        System.arraycopy(v, 0, v2, 0, at);
        k2[at] = c;
        v2[at] = child;
        System.arraycopy(k, at, k2, at + 1, k.length - at);
        System.arraycopy(v, at, v2, at + 1, v.length - at);
        keys[node] = k2;
        next[node] = v2;
    }

    private int newNode() {
        if (nodes == keys.length) {
            int size = nodes * 2;
            keys = Arrays.copyOf(keys, size);
            next = Arrays.copyOf(next, size);
            term = Arrays.copyOf(term, size);
        }
        keys[nodes] = NO_CHARS;
        next[nodes] = NO_NODES;
        term[nodes] = -1;
        return nodes++;
    }
}
