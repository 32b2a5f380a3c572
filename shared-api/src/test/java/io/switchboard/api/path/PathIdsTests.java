package io.switchboard.api.path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathIdsTests {

    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "9007199254740991"})
    void plainDecimalIdsAreRead(String segment) {
        assertThat(PathIds.conversationId(segment)).isEqualTo(Long.parseLong(segment));
        assertThat(PathIds.parse(segment)).hasValue(Long.parseLong(segment));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0001", "01", "-1", "+1", " 1", "1 ", "0x10", "1e3", "1.0", "1;DROP", "\u0661",
            "9007199254740992", "99999999999999999999", "9223372036854775808"})
    void everyOtherSpellingIsNotFound(String segment) {
        assertThat(PathIds.parse(segment)).isEmpty();
        assertThatThrownBy(() -> PathIds.conversationId(segment)).isInstanceOf(NoSuchResourceException.class)
                .hasMessage("Not found.");
    }
}
