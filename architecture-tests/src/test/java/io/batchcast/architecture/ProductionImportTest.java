package io.batchcast.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards the rules against passing vacuously: a module whose classes never reach the import (a missing dependency in
 * this module's pom, a renamed package) would otherwise satisfy every rule that mentions it.
 */
class ProductionImportTest {

    @ParameterizedTest
    @EnumSource(BatchcastModule.class)
    void everyModuleContributesClasses(BatchcastModule module) {
        String pattern = module.packageIn(ProductionClasses.ROOT);
        long imported = ProductionClasses.get().stream().filter(JavaClass.Predicates.resideInAPackage(pattern)).count();
        assertTrue(imported > 0, "no production class imported from " + pattern
                + " — is the module on architecture-tests' test classpath (via batchcast-bootstrap)?");
    }

    @Test
    void testClassesAndFixturesAreNotImported() {
        List<String> testClasses = ProductionClasses.get().stream()
                .filter(type -> type.getName().startsWith(Fixture.FIXTURE_BASE + ".") || isFromTestOutput(type))
                .map(JavaClass::getName)
                .toList();
        assertEquals(List.of(), testClasses);
    }

    /** test-classes directories and test-jars ({@code batchcast-application-…-tests.jar}) hold test code. */
    private static boolean isFromTestOutput(JavaClass type) {
        String location = type.getSource().map(source -> source.getUri().toString()).orElse("");
        return location.contains("/test-classes/") || location.contains("-tests.jar!");
    }
}
