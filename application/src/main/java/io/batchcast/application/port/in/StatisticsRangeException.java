package io.batchcast.application.port.in;

import java.time.Instant;

/**
 * A statistics range the API refuses. The adapters word it with their own field names ({@code start_time} /
 * {@code end_time}, {@code from} / {@code to}); the message here uses the neutral ones.
 */
public final class StatisticsRangeException extends RuntimeException {

    /** What is wrong with the range. */
    public enum Problem {
        /** the end is not after the start */
        EMPTY,
        /** the range spans more than {@link HourlyStatisticsQuery#MAX_RANGE} */
        TOO_LONG
    }

    private final Problem problem;

    public StatisticsRangeException(Problem problem, Instant from, Instant to) {
        super(switch (problem) {
            case EMPTY -> "the end of the range must be after its start, was " + from + " to " + to;
            case TOO_LONG -> "the range may span at most 31 days, was " + from + " to " + to;
        });
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** What the end of the range must be, for the adapter's field of the end: {@code must be after <start>}. */
    public String endRequirement(String start) {
        return switch (problem) {
            case EMPTY -> "must be after " + start;
            case TOO_LONG -> "must be at most 31 days (744 hours) after " + start;
        };
    }
}
