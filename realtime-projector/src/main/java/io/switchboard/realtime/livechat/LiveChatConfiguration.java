package io.switchboard.realtime.livechat;

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
import tools.jackson.databind.json.JsonMapper;

/** Seed 004's live-chat queue on its own Socket.IO port (default 5000), started with the application. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveChatProperties.class)
@ConditionalOnProperty(name = "switchboard.livechat.enabled", havingValue = "true", matchIfMissing = true)
class LiveChatConfiguration {

    @Bean
    LiveChatServices liveChatServices(Hub hub, CommandGateway commands, QueryGateway queries) {
        return new LiveChatServices(hub, commands, queries, new LiveChatDirectory(hub, queries),
                new LiveChatPayloads(JsonMapper.builder().build()));
    }

    @Bean
    SocketIoServer liveChatServer(LiveChatProperties properties, TokenVerifier tokens, LiveChatServices services) {
        return new SocketIoServer(new SocketIoSettings("live-chat", properties.port(), properties.maxPayloadBytes(),
                properties.eventsPerSecond(), properties.eventBurst(), properties.pingInterval(),
                properties.pingTimeout()), tokens, new LiveChatDialect(services));
    }
}
