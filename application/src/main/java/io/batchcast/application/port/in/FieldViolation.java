package io.batchcast.application.port.in;

import java.util.List;

/** One problem with a request: the field path ({@code operations[3].create.price}) and what is wrong with it. */
public record FieldViolation(String field, String description) {

    /** The first of {@code violations} for people, and how many more there are: {@code field: what (and 2 more)}. */
    public static String summary(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        FieldViolation first = violations.getFirst();
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
        return first.field() + ": " + first.description() + more;
    }
}
