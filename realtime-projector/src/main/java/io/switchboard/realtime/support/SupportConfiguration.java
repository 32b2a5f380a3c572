package io.switchboard.realtime.support;

import io.switchboard.api.identity.TokenVerifier;
import io.switchboard.realtime.hub.Hub;
import io.switchboard.realtime.socketio.SocketIoServer;
import io.switchboard.realtime.socketio.SocketIoSettings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;

/** Seed 003's support conversations and dashboard on their own Socket.IO port (default 3500). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupportProperties.class)
@ConditionalOnProperty(name = "switchboard.support.enabled", havingValue = "true", matchIfMissing = true)
class SupportConfiguration {

    @Bean
    SocketIoServer supportServer(SupportProperties properties, TokenVerifier tokens, Hub hub, CommandGateway commands,
                                 QueryGateway queries) {
        SupportDialect dialect = new SupportDialect(hub, commands, queries, new SupportDirectory(hub, queries),
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "support-typing");
                    thread.setDaemon(true);
                    return thread;
                }), properties.typingExpiry());
        return new SocketIoServer(new SocketIoSettings("support", properties.port(), properties.maxPayloadBytes(),
                properties.eventsPerSecond(), properties.eventBurst(), properties.pingInterval(),
                properties.pingTimeout()), tokens, dialect);
    }
}
