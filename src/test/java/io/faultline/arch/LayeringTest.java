package io.faultline.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package rules of DESIGN.md. */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.faultline");

    @Test
    void javafxOnlyInUiAndApp() {
        noClasses().that().resideOutsideOfPackages("io.faultline.ui..", "io.faultline.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "eu.hansolo..", "org.controlsfx..")
                .check(MAIN);
    }

    @Test
    void modelImportsNothingOfOurs() {
        noClasses().that().resideInAPackage("io.faultline.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.faultline.collect..", "io.faultline.capture..", "io.faultline.ingest..",
                        "io.faultline.timeline..", "io.faultline.analysis..", "io.faultline.annotate..",
                        "io.faultline.export..", "io.faultline.ui..", "io.faultline.app..")
                .check(MAIN);
    }

    @Test
    void onlyCollectTalksSsh() {
        noClasses().that().resideOutsideOfPackage("io.faultline.collect..")
                .should().dependOnClassesThat().resideInAPackage("com.jcraft.jsch..")
                .check(MAIN);
    }

    @Test
    void collectNeverReachesUp() {
        noClasses().that().resideInAPackage("io.faultline.collect..")
                .should().dependOnClassesThat().resideInAnyPackage("io.faultline.ui..", "io.faultline.app..",
                        "io.faultline.ingest..", "io.faultline.timeline..", "io.faultline.export..")
                .check(MAIN);
    }

    @Test
    void coreNeverReachesUiOrApp() {
        noClasses().that().resideInAnyPackage("io.faultline.model..", "io.faultline.collect..", "io.faultline.capture..",
                        "io.faultline.ingest..", "io.faultline.timeline..", "io.faultline.analysis..",
                        "io.faultline.annotate..", "io.faultline.export..")
                .should().dependOnClassesThat().resideInAnyPackage("io.faultline.ui..", "io.faultline.app..")
                .check(MAIN);
    }

    @Test
    void ingestDoesNotCollect() {
        noClasses().that().resideInAnyPackage("io.faultline.ingest..", "io.faultline.timeline..")
                .should().dependOnClassesThat().resideInAnyPackage("io.faultline.collect..", "io.faultline.annotate..",
                        "io.faultline.export..")
                .check(MAIN);
    }

    @Test
    void noSystemOut() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("log through slf4j; the CLI prints through picocli's writers")
                .check(MAIN);
    }
}
