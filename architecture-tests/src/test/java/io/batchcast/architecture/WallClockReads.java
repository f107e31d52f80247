package io.batchcast.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import java.util.Set;

/**
 * Calls and method references that read the system's wall clock instead of an injected {@link java.time.Clock}:
 * every {@code java.time} {@code now(..)} without a {@code Clock} argument ({@code Instant.now()},
 * {@code LocalDateTime.now(zone)}, ...), the system clocks ({@code Clock.systemUTC()}, {@code InstantSource.system()},
 * {@code Clock.tickMillis(zone)}, ...), {@code System.currentTimeMillis()}, {@code new Date()} and
 * {@code Calendar.getInstance(..)}.
 *
 * <p>{@code System.nanoTime()} is allowed: it is a monotonic timer for measuring elapsed time (timeouts, backoff),
 * it has no relation to the calendar and cannot leak into an event's timestamp.
 */
final class WallClockReads extends DescribedPredicate<JavaAccess<?>> {

    private static final Set<String> SYSTEM_CLOCK_METHODS = Set.of(
            "java.time.Clock.systemUTC",
            "java.time.Clock.systemDefaultZone",
            "java.time.Clock.system",
            "java.time.Clock.tickMillis",
            "java.time.Clock.tickSeconds",
            "java.time.Clock.tickMinutes",
            "java.time.InstantSource.system",
            "java.lang.System.currentTimeMillis",
            "java.util.Calendar.getInstance");

    WallClockReads() {
        super("read the wall clock (java.time now() without a Clock, Clock.systemUTC()/systemDefaultZone()/system()/"
                + "tick*(), InstantSource.system(), System.currentTimeMillis(), new Date(), Calendar.getInstance())");
    }

    @Override
    public boolean test(JavaAccess<?> access) {
        if (!(access.getTarget() instanceof CodeUnitAccessTarget target)) {
            return false;
        }
        JavaClass owner = target.getOwner();
        List<JavaClass> parameters = target.getRawParameterTypes();
        return isNowWithoutClock(owner, target.getName(), parameters)
                || SYSTEM_CLOCK_METHODS.contains(owner.getName() + "." + target.getName())
                || isCurrentDateConstructor(owner, target.getName(), parameters);
    }

    private static boolean isNowWithoutClock(JavaClass owner, String name, List<JavaClass> parameters) {
        boolean now = name.equals("now") || name.equals("dateNow"); // dateNow: java.time.chrono.Chronology
        boolean javaTime = owner.getPackageName().equals("java.time") || owner.getPackageName().startsWith("java.time.");
        return now && javaTime && parameters.stream().noneMatch(type -> type.isEquivalentTo(java.time.Clock.class));
    }

    private static boolean isCurrentDateConstructor(JavaClass owner, String name, List<JavaClass> parameters) {
        return owner.isEquivalentTo(java.util.Date.class) && name.equals("<init>") && parameters.isEmpty();
    }
}
