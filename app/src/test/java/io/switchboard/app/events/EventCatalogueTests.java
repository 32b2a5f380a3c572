package io.switchboard.app.events;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.switchboard.api.audit.EventTypes;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventTypes} is the catalogue of stored events (docs/events.md): every event the command side applies or
 * sources from is in it, and the published events are exactly the shared-api records carrying a {@link Revision}.
 */
class EventCatalogueTests {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.switchboard.api", "io.switchboard.command");
    }

    @Test
    void thePublishedEventsAreExactlyTheSharedApiRecordsWithARevision() {
        Set<String> withRevision = production.stream()
                .filter(type -> type.getPackageName().startsWith("io.switchboard.api"))
                .filter(type -> type.isAnnotatedWith(Revision.class))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(withRevision).isEqualTo(catalogue());
        for (Class<?> event : EventTypes.all().keySet()) {
            assertThat(event.isRecord()).as("%s is a record", event.getName()).isTrue();
            assertThat(event.getPackageName()).as("%s lives in shared-api", event.getName())
                    .startsWith("io.switchboard.api.");
            assertThat(EventTypes.classOf(EventTypes.nameOf(event).orElseThrow())).contains(event);
        }
    }

    @Test
    void everyEventTheCommandSideSourcesFromIsCatalogued() {
        Set<String> sourced = new TreeSet<>();
        for (JavaClass type : commandSide()) {
            for (JavaMethod method : type.getMethods()) {
                if (method.isAnnotatedWith(EventSourcingHandler.class)) {
                    sourced.add(method.getRawParameterTypes().get(0).getName());
                }
            }
        }
        assertThat(sourced).isNotEmpty();
        assertThat(catalogue()).containsAll(sourced);
    }

    /**
     * What a method that calls {@code AggregateLifecycle.apply} constructs from shared-api, other than its answer and
     * exceptions, is an event it applies.
     */
    @Test
    void everyEventTheCommandSideAppliesIsCatalogued() {
        Set<String> applied = new TreeSet<>();
        for (JavaClass type : commandSide()) {
            for (JavaMethod method : type.getMethods()) {
                boolean applies = method.getMethodCallsFromSelf().stream().anyMatch(call ->
                        call.getTargetOwner().isEquivalentTo(AggregateLifecycle.class)
                                && call.getName().equals("apply"));
                if (!applies) {
                    continue;
                }
                method.getConstructorCallsFromSelf().stream()
                        .map(call -> call.getTargetOwner())
                        .filter(owner -> owner.getPackageName().startsWith("io.switchboard.api"))
                        .filter(owner -> !owner.isAssignableTo(Throwable.class))
                        .filter(owner -> !owner.isEquivalentTo(method.getRawReturnType().reflect()))
                        .forEach(owner -> applied.add(owner.getName()));
            }
        }
        assertThat(applied).as("events applied by the command side").hasSizeGreaterThanOrEqualTo(10);
        assertThat(catalogue()).containsAll(applied);
    }

    private static Set<JavaClass> commandSide() {
        return production.stream().filter(type -> type.getPackageName().startsWith("io.switchboard.command"))
                .collect(Collectors.toSet());
    }

    private static Set<String> catalogue() {
        return EventTypes.all().keySet().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
