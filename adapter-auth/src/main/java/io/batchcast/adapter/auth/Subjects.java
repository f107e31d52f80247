package io.batchcast.adapter.auth;

import io.batchcast.application.port.out.TokenRejected.Reason;

/**
 * The user id rule for {@code sub}, judged on the claim as the token's JSON has it: nimbus would turn a number into
 * its digits, and a lone UTF-16 surrogate (a JSON escape can carry one) would be stored as '?', which is another
 * user's id.
 */
final class Subjects {

    /** The longest user id accepted, on every protocol. */
    static final int MAX_LENGTH = 128;

    private Subjects() {
    }

    /** @return the user id */
    static String userId(Object claim) throws Refusal {
        if (claim != null && !(claim instanceof String)) {
            throw new Refusal(Reason.INVALID_SUBJECT, "the token subject (sub claim, the user id) must be a JSON string");
        }
        String subject = (String) claim;
        if (subject == null || subject.isBlank() || subject.length() > MAX_LENGTH) {
            throw new Refusal(Reason.INVALID_SUBJECT, "the token subject (sub claim, the user id) must be 1 to "
                    + MAX_LENGTH + " characters");
        }
        if (!wellFormedText(subject)) {
            throw new Refusal(Reason.INVALID_SUBJECT, "the token subject (sub claim, the user id) must be well-formed"
                    + " Unicode without control characters");
        }
        return subject;
    }

    /** No control character and no UTF-16 surrogate outside a high-low pair. */
    private static boolean wellFormedText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }
}
