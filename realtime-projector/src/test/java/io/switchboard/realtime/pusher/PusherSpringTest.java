package io.switchboard.realtime.pusher;

import io.switchboard.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Spring Boot test of the fan-out on the module's test schema; tests share it, so use unique ids and tenants. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(classes = PusherTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        TestDatabase.SCHEMA_PROPERTY + "=realtime_tests",
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson3",
        "axon.serializer.events=jackson3",
        "axon.serializer.messages=jackson3"})
@ContextConfiguration(initializers = TestDatabase.class)
@interface PusherSpringTest {
}
