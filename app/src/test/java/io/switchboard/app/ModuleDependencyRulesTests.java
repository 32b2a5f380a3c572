package io.switchboard.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN.md §2: the sides meet only through Axon's buses and shared-api records. */
class ModuleDependencyRulesTests {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.switchboard");
    }

    @Test
    void everyModuleIsOnTheImportedClasspath() {
        for (String module : new String[]{"api", "hotel", "command", "query", "realtime", "app"}) {
            assertThat(production.containPackage("io.switchboard." + module))
                    .as("classes of io.switchboard.%s imported", module).isTrue();
        }
    }

    @Test
    void sharedApiDependsOnNoSpringNoJpaAndNoSide() {
        classes().that().resideInAPackage("io.switchboard.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.switchboard.api..", "java..", "org.axonframework..")
                .check(production);
    }

    /** The published contract knows no dialect: a dialect's wire shapes live in the dialect's own module. */
    @Test
    void sharedApiKnowsNoDialect() {
        noClasses().that().resideInAPackage("io.switchboard.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.hotel..")
                .check(production);
    }

    /** The hotel dialect's wire contract: records over shared-api, named for the wire; no Spring, no side. */
    @Test
    void theHotelDialectContractDependsOnSharedApiAlone() {
        classes().that().resideInAPackage("io.switchboard.hotel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.switchboard.hotel..", "io.switchboard.api..", "java..",
                        "com.fasterxml.jackson.annotation..")
                .check(production);
    }

    @Test
    void commandSideDependsOnNoOtherSide() {
        noClasses().that().resideInAPackage("io.switchboard.command..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.switchboard.query..", "io.switchboard.realtime..", "io.switchboard.app..")
                .check(production);
    }

    @Test
    void querySideDependsOnNoOtherSide() {
        noClasses().that().resideInAPackage("io.switchboard.query..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.switchboard.command..", "io.switchboard.realtime..", "io.switchboard.app..")
                .check(production);
    }

    @Test
    void realtimeProjectorDependsOnNoOtherSide() {
        noClasses().that().resideInAPackage("io.switchboard.realtime..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.switchboard.command..", "io.switchboard.query..", "io.switchboard.app..")
                .check(production);
    }

    /** DESIGN.md §2: the hub is dialect-neutral; each dialect stands on the hub and shared-api alone. */
    @Test
    void theRealtimeHubKnowsNoDialect() {
        classes().that().resideInAPackage("io.switchboard.realtime.hub..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.switchboard.realtime.hub..",
                        "io.switchboard.api..", "java..", "org.axonframework..", "org.springframework..",
                        "org.slf4j..", "tools.jackson..")
                .check(production);
    }

    /** The shared Socket.IO layer serves dialects; it knows none of them. */
    @Test
    void theSocketIoLayerKnowsNoDialect() {
        classes().that().resideInAPackage("io.switchboard.realtime.socketio..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.switchboard.realtime.socketio..",
                        "io.switchboard.realtime.hub..", "io.switchboard.api..", "java..", "com.corundumstudio..", "com.fasterxml.jackson..", "io.netty..",
                        "org.springframework..",
                        "org.slf4j..")
                .check(production);
    }

    @Test
    void noDialectUsesAnotherDialect() {
        slices().matching("io.switchboard.realtime.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAnyPackage("io.switchboard.realtime.hub..",
                        "io.switchboard.realtime.socketio.."))
                .check(production);
    }

    @Test
    void onlyTheQuerySideUsesJpa() {
        noClasses().that().resideOutsideOfPackage("io.switchboard.query..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..")
                .check(production);
    }
}
