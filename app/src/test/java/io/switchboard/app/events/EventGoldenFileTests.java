package io.switchboard.app.events;

import io.switchboard.api.audit.EventTypes;
import io.switchboard.app.config.ProductionEventSerializer;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are a published schema: each stored event type's serialized form is pinned by a golden file,
 * {@code src/test/resources/golden-events/<stable name>.json}, holding the payload type name as written to
 * {@code payload_type}, the revision as written to {@code payload_revision} and the payload JSON as written to
 * {@code payload}, serialized with the production event serializer ({@link ProductionEventSerializer}).
 * <p>
 * A failure here means a stored event's form changed: rows already stored no longer read as they used to. Evolve the
 * event instead (docs/events.md): new revision, upcaster, new golden file. Only for a new event type or a new revision
 * may the files be (re)written, with {@code -Dswitchboard.golden.update=true}.
 */
class EventGoldenFileTests {

    static final Path GOLDEN = Path.of("src/test/resources/golden-events");
    private static final boolean UPDATE = Boolean.getBoolean("switchboard.golden.update");

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final Serializer serializer = ProductionEventSerializer.create();

    static Stream<Arguments> events() {
        return EventSamples.all().entrySet().stream().map(sample -> Arguments.of(
                EventTypes.nameOf(sample.getKey()).orElseThrow(() -> new AssertionError(
                        sample.getKey().getName() + " has a sample but is not in EventTypes")),
                sample.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void serializedFormMatchesTheGoldenFile(String name, Object sample) throws IOException {
        SerializedObject<byte[]> serialized = serializer.serialize(sample, byte[].class);
        String payload = new String(serialized.getData(), StandardCharsets.UTF_8);
        Path file = GOLDEN.resolve(name + ".json");
        if (UPDATE) {
            ObjectNode golden = JSON.createObjectNode();
            golden.put("type", name);
            golden.put("payloadType", serialized.getType().getName());
            golden.put("payloadRevision", serialized.getType().getRevision());
            golden.set("payload", JSON.readTree(payload));
            Files.createDirectories(GOLDEN);
            Files.writeString(file, JSON.writeValueAsString(golden) + "\n");
        }
        assertThat(file).as("golden file of %s", name).exists();
        JsonNode golden = JSON.readTree(file.toFile());

        assertThat(golden.get("type").asString()).isEqualTo(name);
        assertThat(serialized.getType().getName()).as("payload_type of %s", name)
                .isEqualTo(golden.get("payloadType").asString())
                .isEqualTo(sample.getClass().getName());
        assertThat(serialized.getType().getRevision()).as("payload_revision of %s", name)
                .isEqualTo(golden.get("payloadRevision").asString())
                .isEqualTo(sample.getClass().getAnnotation(Revision.class).value());
        // byte for byte, field order included (the golden payload keeps the order it was written in)
        assertThat(payload).as("payload of %s", name)
                .isEqualTo(JsonMapper.builder().build().writeValueAsString(golden.get("payload")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theGoldenFileReadsBackAsTheSample(String name, Object sample) throws IOException {
        JsonNode golden = JSON.readTree(GOLDEN.resolve(name + ".json").toFile());
        byte[] payload = JsonMapper.builder().build().writeValueAsBytes(golden.get("payload"));
        Object read = serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                golden.get("payloadType").asString(), golden.get("payloadRevision").asString()));
        assertThat(read).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void theSampleIsFullyPopulated(String name, Object sample) throws ReflectiveOperationException {
        for (RecordComponent component : sample.getClass().getRecordComponents()) {
            Object value = component.getAccessor().invoke(sample);
            assertThat(value).as("%s.%s", name, component.getName()).isNotNull();
            if (value instanceof Collection<?> collection) {
                assertThat(collection).as("%s.%s", name, component.getName()).isNotEmpty();
            }
        }
    }

    @Test
    void everyStoredEventTypeHasASampleAndAGoldenFileAndNoGoldenFileIsLeftOver() throws IOException {
        Map<Class<?>, String> types = EventTypes.all();
        assertThat(EventSamples.all().keySet()).containsExactlyElementsOf(types.keySet());
        for (String name : types.values()) {
            assertThat(GOLDEN.resolve(name + ".json")).as("golden file of %s", name).exists();
        }
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(types.values().stream().map(name -> name + ".json").toList());
        }
    }
}
