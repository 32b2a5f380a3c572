package io.switchboard.query.conversation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Feeds events to every bean of the processing group through Axon's own annotation dispatch, one transaction per
 * event as a tracking processor would commit, without an event store.
 */
@Component
class ReadModelDriver {

    private final List<Object> projections;
    private final List<AnnotationEventHandlerAdapter> handlers;
    private final TransactionTemplate transaction;

    ReadModelDriver(ApplicationContext context, PlatformTransactionManager transactionManager) {
        this.projections = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .filter(bean -> ConversationReadModels.PROCESSING_GROUP.equals(
                        AnnotationUtils.findAnnotation(bean.getClass(), ProcessingGroup.class).value()))
                .toList();
        this.handlers = projections.stream().map(AnnotationEventHandlerAdapter::new).toList();
        this.transaction = new TransactionTemplate(transactionManager);
    }

    List<Class<?>> projectionTypes() {
        return projections.stream().<Class<?>>map(Object::getClass).toList();
    }

    void apply(Object... events) {
        apply(List.of(events));
    }

    void apply(List<?> events) {
        events.forEach(event -> transaction.executeWithoutResult(status -> handlers.forEach(handler -> {
            try {
                handler.handle(GenericEventMessage.asEventMessage(event));
            } catch (Exception e) {
                throw new IllegalStateException("projection failed on " + event, e);
            }
        })));
    }

    /** For bulk setup only: one transaction for all events. */
    void applyInOneTransaction(List<?> events) {
        transaction.executeWithoutResult(status -> apply(events));
    }

    void reset() {
        transaction.executeWithoutResult(status -> handlers.forEach(AnnotationEventHandlerAdapter::prepareReset));
    }
}
