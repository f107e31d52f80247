package io.batchcast.application.port.in;

import java.util.List;

/** The request was refused as a whole before anything executed; lists every problem found. */
public final class BatchValidationException extends SubmissionFailure {

    private final transient List<FieldViolation> violations;

    public BatchValidationException(List<FieldViolation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    private static String summary(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one violation");
        }
        FieldViolation first = violations.getFirst();
        String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
        return first.field() + ": " + first.description() + more;
    }
}
