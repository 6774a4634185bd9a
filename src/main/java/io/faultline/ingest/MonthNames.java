package io.faultline.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Month names as {@code strftime("%b")} and {@code "%B"} print them under glibc's en, de, fr, es, ru and zh_CN
 * locales (checked with {@code LC_TIME=xx_XX.UTF-8 date} on glibc 2.36): {@code Oct}, {@code Okt}, {@code oct.},
 * {@code окт}, {@code 10月}, the full names, Russian nominative and genitive forms ({@code май}/{@code мая}) and the
 * longer abbreviations of older glibc ({@code sept.}, {@code февр}). Matching ignores case and a trailing dot.
 * journalctl's short formats and syslog files written under such a locale carry these names.
 */
final class MonthNames {
    private static final List<List<String>> NAMES = List.of(
            List.of("jan", "january", "januar", "jän", "jänner", "janv", "janvier", "ene", "enero",
                    "янв", "январь", "января", "1月", "一月"),
            List.of("feb", "february", "februar", "févr", "fevr", "février", "febrero",
                    "фев", "февр", "февраль", "февраля", "2月", "二月"),
            List.of("mar", "march", "mär", "mrz", "märz", "mars", "marzo",
                    "мар", "март", "марта", "3月", "三月"),
            List.of("apr", "april", "avr", "avril", "abr", "abril",
                    "апр", "апрель", "апреля", "4月", "四月"),
            List.of("may", "mai", "mayo",
                    "май", "мая", "5月", "五月"),
            List.of("jun", "june", "juni", "juin", "junio",
                    "июн", "июнь", "июня", "6月", "六月"),
            List.of("jul", "july", "juli", "juil", "juillet", "julio",
                    "июл", "июль", "июля", "7月", "七月"),
            List.of("aug", "august", "août", "aout", "ago", "agosto",
                    "авг", "август", "августа", "8月", "八月"),
            List.of("sep", "sept", "september", "septembre", "septiembre",
                    "сен", "сент", "сентябрь", "сентября", "9月", "九月"),
            List.of("oct", "october", "okt", "oktober", "octobre", "octubre",
                    "окт", "октябрь", "октября", "10月", "十月"),
            List.of("nov", "november", "novembre", "noviembre",
                    "ноя", "нояб", "ноябрь", "ноября", "11月", "十一月"),
            List.of("dec", "december", "dez", "dezember", "déc", "decembre", "décembre", "dic", "diciembre",
                    "дек", "декабрь", "декабря", "12月", "十二月"));
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        for (int m = 0; m < NAMES.size(); m++) {
            for (String n : NAMES.get(m)) {
                BY_NAME.put(n, m + 1);
            }
        }
    }

    /**
     * A regular expression (no groups of its own) matching any of the names, with an optional trailing dot. The
     * English abbreviations come first, exactly as journalctl and syslog daemons print them (most lines try only
     * those), then every name case-insensitively; a pattern that goes on after it backtracks into a longer name
     * ({@code sept.}) when a shorter one ({@code sep}) does not fit.
     */
    static final String REGEX = LocalisedNames.regex("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec", BY_NAME.keySet());

    private MonthNames() {
    }

    /** The month 1..12 a name stands for, or 0 when it is none of them. */
    static int month(String name) {
        String n = LocalisedNames.key(name);
        return BY_NAME.getOrDefault(n, 0);
    }
}
