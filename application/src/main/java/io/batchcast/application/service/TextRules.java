package io.batchcast.application.service;

import java.util.Optional;

/**
 * Free text a client names things with must reach the store exactly as sent: no control characters (PostgreSQL
 * cannot store a NUL in text, and the call would fail as if the store were down) and well-formed UTF-16 (a lone
 * surrogate is written to the database as '?', so two different names would become the same).
 */
final class TextRules {

    private TextRules() {
    }

    /** What is wrong with {@code text}, naming the first offending character (a UTF-16 index), or empty. */
    static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be well-formed Unicode, had a lone UTF-16 surrogate at character " + i);
            } else if (Character.isISOControl(c)) {
                return Optional.of("must not contain control characters (U+0000 to U+001F, U+007F to U+009F), had"
                        + " one at character " + i);
            }
        }
        return Optional.empty();
    }
}
