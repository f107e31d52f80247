package io.batchcast.application.port.in;

import java.util.List;

/** The request was refused as a whole before anything executed; lists every problem found. */
public final class BatchValidationException extends SubmissionFailure {

    private final transient List<FieldViolation> violations;

    public BatchValidationException(List<FieldViolation> violations) {
        super(FieldViolation.summary(violations));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
