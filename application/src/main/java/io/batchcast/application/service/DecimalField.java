package io.batchcast.application.service;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Parses the decimal strings of the wire format: plain digits, no sign, no exponent, bounded precision. */
final class DecimalField {

    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_FRACTION_DIGITS = 18;
    private static final Pattern PLAIN = Pattern.compile("\\d{1,18}(\\.\\d{1,18})?");

    private DecimalField() {
    }

    /** The value, or {@code null} when the text is not a positive plain decimal within bounds. */
    static BigDecimal parsePositive(String text) {
        if (!PLAIN.matcher(text).matches()) {
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        return value.signum() > 0 ? value : null;
    }

    static String rule() {
        return "must be a positive decimal such as \"0.01\" (digits and one optional '.', at most "
                + MAX_INTEGER_DIGITS + " integer and " + MAX_FRACTION_DIGITS + " fraction digits)";
    }
}
