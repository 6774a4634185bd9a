package io.faultline.ui;

import java.util.ArrayList;
import java.util.List;

/** Breaking a raw line into lines where a reader would: after a space, ',', ';', '&' or '|', never inside a word. */
final class WordWrap {
    private WordWrap() {
    }

    /**
     * {@code text} in lines of at most {@code columns} characters, broken only after a space, ',', ';', '&' or '|';
     * a word longer than a line is a line of its own, whole. Removing the '\n's put in gives {@code text} back.
     */
    static String wrap(String text, int columns) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == ',' || c == ';' || c == '&' || c == '|') {
                words.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            words.add(text.substring(start));
        }
        StringBuilder out = new StringBuilder(text.length() + text.length() / Math.max(1, columns) + 1);
        int width = 0;
        for (String w : words) {
            int visible = w.endsWith(" ") ? w.length() - 1 : w.length();
            if (width > 0 && width + visible > columns) {
                out.append('\n');
                width = 0;
            }
            out.append(w);
            width += w.length();
        }
        return out.toString();
    }
}
