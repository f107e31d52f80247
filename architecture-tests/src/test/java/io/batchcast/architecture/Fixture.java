package io.batchcast.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.function.Function;

/**
 * One fixture package under {@code io.batchcast.archfixtures}, laid out like the real modules, and the rules built
 * for it as package root. Fixtures are test classes, so the production import (which excludes tests) never sees them.
 */
record Fixture(String name) {

    static final String FIXTURE_BASE = "io.batchcast.archfixtures";

    String root() {
        return FIXTURE_BASE + "." + name;
    }

    JavaClasses classes() {
        return new ClassFileImporter().importPackages(root());
    }

    /**
     * The detail lines of the failure report of the rule built for this fixture's root, in ArchUnit's order, with the
     * root abbreviated to {@code ~} so that expectations stay readable ({@code <~.domain.VenueAddress.endpoint>}).
     */
    List<String> violationsOf(Function<ArchitectureRules, ArchRule> rule) {
        return rule.apply(new ArchitectureRules(root())).evaluate(classes()).getFailureReport().getDetails().stream()
                .map(line -> line.replace(root() + ".", "~."))
                .toList();
    }
}
