package io.switchboard.realtime.direct;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tomcat's per-socket WebSocket buffers are sized before the web server starts, from the application's setting. */
class WebSocketBufferSizeTests {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(WebSocketBufferSize.TOMCAT_PROPERTY);
        System.clearProperty(WebSocketBufferSize.TOMCAT_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(WebSocketBufferSize.TOMCAT_PROPERTY);
        } else {
            System.setProperty(WebSocketBufferSize.TOMCAT_PROPERTY, before);
        }
    }

    @Test
    void theDefaultIsTwoKibibytesAndASettingOverridesIt() {
        new WebSocketBufferSize().postProcessEnvironment(new StandardEnvironment(), new SpringApplication());
        assertThat(System.getProperty(WebSocketBufferSize.TOMCAT_PROPERTY)).isEqualTo("2048");

        System.clearProperty(WebSocketBufferSize.TOMCAT_PROPERTY);
        new WebSocketBufferSize().postProcessEnvironment(
                new MockEnvironment().withProperty(WebSocketBufferSize.PROPERTY, "4096"), new SpringApplication());
        assertThat(System.getProperty(WebSocketBufferSize.TOMCAT_PROPERTY)).isEqualTo("4096");
    }

    @Test
    void aValueTheJvmAlreadySetWinsAndNonsenseIsRefused() {
        System.setProperty(WebSocketBufferSize.TOMCAT_PROPERTY, "16384");
        new WebSocketBufferSize().postProcessEnvironment(new StandardEnvironment(), new SpringApplication());
        assertThat(System.getProperty(WebSocketBufferSize.TOMCAT_PROPERTY)).isEqualTo("16384");

        System.clearProperty(WebSocketBufferSize.TOMCAT_PROPERTY);
        assertThatThrownBy(() -> new WebSocketBufferSize().postProcessEnvironment(
                new MockEnvironment().withProperty(WebSocketBufferSize.PROPERTY, "10"), new SpringApplication()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void springBootFindsIt() throws Exception {
        List<String> registered = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION))) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
            registered.add(factories.getProperty(org.springframework.boot.EnvironmentPostProcessor.class.getName(), ""));
        }
        assertThat(registered).anyMatch(names -> names.contains(WebSocketBufferSize.class.getName()));
    }
}
