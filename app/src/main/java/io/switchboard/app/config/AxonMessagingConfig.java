package io.switchboard.app.config;

import io.switchboard.api.audit.AuditMetadata;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class AxonMessagingConfig {

    /**
     * The one clock of the application; aggregates and projections get their time from it. It ticks in microseconds,
     * the precision PostgreSQL stores, so a time answered from a command result equals the one read back later.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /**
     * Axon's tokens (ReplayToken wraps another token) are typed polymorphically; Jackson 3 refuses class-named
     * subtypes unless a validator allows them, and the processor would die on its first replay.
     */
    @Bean
    Jackson3SerializerCustomizer axonJackson3Customizer() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("io.switchboard.")
                .allowIfSubType("java.util.")
                .build());
    }

    /**
     * Copies who/where/which-request from each command onto the events it causes. It replaces Axon's default
     * MessageOriginProvider, which would overwrite the request's correlation id with the command's message id.
     */
    @Bean
    CorrelationDataProvider auditCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(AuditMetadata.PROPAGATED_KEYS.toArray(String[]::new));
    }

    /**
     * Axon's simple command bus with group commit ({@link GroupCommitCommandBus}): commands that arrive together,
     * on one conversation or many, share one transaction instead of queueing for one commit each, and waiting takes
     * no pooled connection. {@code switchboard.commands.lanes} (1) is how many batches may run at once.
     */
    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(TransactionManager transactionManager, Configuration axonConfiguration,
                                DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                @Value("${switchboard.commands.max-batch:64}") int maxBatch,
                                @Value("${switchboard.commands.lanes:1}") int lanes) {
        SimpleCommandBus.Builder builder = SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axonConfiguration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"));
        SimpleCommandBus commandBus = new GroupCommitCommandBus(builder, transactionManager, maxBatch, lanes);
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(
                axonConfiguration.correlationDataProviders()));
        return commandBus;
    }

    /**
     * Snapshots are taken on a thread of their own. Axon's default takes them on the committing command's thread,
     * after commit but while the conversation is still locked, in a second transaction: that made every hundredth
     * send slower and, with the pool drained by waiting senders, stalled the conversation. A snapshot is only a cache:
     * should a thousand be waiting, further ones are dropped (a later threshold takes them).
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1_000), runnable -> {
                    Thread thread = new Thread(runnable, "snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(executor)
                .build();
    }

    /**
     * Several nodes may append to one conversation at once; the loser sees a ConcurrencyException and is retried
     * against the fresh state, after a jittered, growing pause so two busy nodes do not keep colliding in lockstep.
     * Business refusals are never retried.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus,
                                  @Value("${switchboard.commands.max-retries:10}") int maxRetries,
                                  @Value("${switchboard.commands.retry-base-millis:10}") long baseMillis) {
        ScheduledExecutorService retryExecutor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        // A retried command waits in its conversation's lane like any other: it must not block the one timer thread.
        ExecutorService retryDispatcher = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "command-retry-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        RetryScheduler onConflictOnly = (command, failure, failures, dispatch) -> {
            int attempt = failures.size();
            if (!isConcurrencyConflict(failure) || attempt > maxRetries) {
                return false;
            }
            long pause = baseMillis << Math.min(attempt - 1, 5);
            retryExecutor.schedule(() -> retryDispatcher.execute(dispatch), ThreadLocalRandom.current().nextLong(pause / 2, pause + pause / 2 + 1),
                    TimeUnit.MILLISECONDS);
            return true;
        };
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(onConflictOnly).build();
    }

    private static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
