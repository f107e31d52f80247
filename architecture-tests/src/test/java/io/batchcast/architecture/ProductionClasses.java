package io.batchcast.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every production class of every module, imported once per test JVM. Tests are excluded (the fixtures are test
 * classes); jars are not, because under {@code ./mvnw verify} the sibling modules arrive as jars.
 */
final class ProductionClasses {

    static final String ROOT = "io.batchcast";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(ROOT);

    private ProductionClasses() {
    }

    static JavaClasses get() {
        return CLASSES;
    }
}
