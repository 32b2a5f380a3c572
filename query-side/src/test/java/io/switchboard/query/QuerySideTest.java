package io.switchboard.query;

import io.switchboard.testsupport.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A query-side test on the shared test database schema {@code query_side_tests}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = TestDatabase.SCHEMA_PROPERTY + "=query_side_tests")
@ContextConfiguration(initializers = TestDatabase.class)
public @interface QuerySideTest {
}
