package io.switchboard.app.config;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;

/**
 * The event serializer as production has it, without a Spring context: {@code axon.serializer.events: jackson3}
 * makes Axon's Spring Boot auto-configuration build a {@link Jackson3Serializer} with its
 * {@link AnnotationRevisionResolver}, a {@link ChainingConverter} and the application's
 * {@link AxonMessagingConfig#axonJackson3Customizer() customizer} — exactly this. EventRevisionTests checks the
 * application context's {@code eventSerializer} writes the same bytes.
 */
public final class ProductionEventSerializer {

    private ProductionEventSerializer() {
    }

    public static Serializer create() {
        return Jackson3Serializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(ProductionEventSerializer.class.getClassLoader()))
                .jsonMapperBuilderCustomizer(new AxonMessagingConfig().axonJackson3Customizer())
                .build();
    }
}
