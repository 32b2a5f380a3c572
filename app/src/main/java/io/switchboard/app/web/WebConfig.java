package io.switchboard.app.web;

import io.switchboard.api.identity.TokenVerifier;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    @Bean
    ErrorBodies errorBodies(JsonMapper json) {
        return new ErrorBodies(json);
    }

    @Bean
    FilterRegistrationBean<BearerAuthenticationFilter> bearerAuthenticationFilter(TokenVerifier verifier,
                                                                                  JsonMapper json) {
        FilterRegistrationBean<BearerAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new BearerAuthenticationFilter(verifier, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After authentication: an anonymous caller learns nothing about body rules, and pays no body read. */
    @Bean
    FilterRegistrationBean<StrictRequestFilter> strictRequestFilter(ErrorBodies errors) {
        FilterRegistrationBean<StrictRequestFilter> registration =
                new FilterRegistrationBean<>(new StrictRequestFilter(errors));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * Tomcat's per-connection read and write buffers, 8 KiB each by default, stay allocated for as long as a
     * connection lives — for a WebSocket, its whole life, idle or not. 4 KiB each saves 8 KiB of every idle chat
     * socket (bench/README.md, "Direct chat"); requests and answers larger than a buffer pass in more pieces.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallerConnectionBuffers(
            @org.springframework.beans.factory.annotation.Value("${switchboard.web.connection-buffer-bytes:4096}")
            int bytes) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(bytes));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(bytes));
        });
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonContainerErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    /**
     * Every answer is JSON whatever the {@code Accept} header says: negotiating would only ever refuse (406) after
     * the handler ran, i.e. after a send was stored, and a client that cannot read JSON cannot use this API anyway.
     */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        configurer.strategies(List.of(request -> List.of(MediaType.APPLICATION_JSON, MediaType.ALL)));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthenticatedUserArgumentResolver());
    }
}
