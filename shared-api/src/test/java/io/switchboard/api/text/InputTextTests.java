package io.switchboard.api.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InputTextTests {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "\u202Eevil.exe\u202C",
            "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "e\u0301\u0302\u0303", "\uFDCF\uFDF0\uFFFD",
            "\uD83F\uDFFD", "tab\tand\u0001control", "\uFEFFbom"})
    void acceptsEveryWellFormedStringWithoutNulOrNoncharacters(String value) {
        assertThat(InputText.characterProblem(value)).isNull();
        assertThat(InputText.isValid(value, 100)).isTrue();
    }

    @Test
    void refusesNulUnpairedSurrogatesAndNoncharacters() {
        assertThat(InputText.characterProblem("a\u0000b")).isEqualTo(InputText.Problem.NULL_CHARACTER);
        assertThat(InputText.characterProblem("\uD800")).isEqualTo(InputText.Problem.UNPAIRED_SURROGATE);
        assertThat(InputText.characterProblem("x\uDC00")).isEqualTo(InputText.Problem.UNPAIRED_SURROGATE);
        assertThat(InputText.characterProblem("\uDC00\uD800")).isEqualTo(InputText.Problem.UNPAIRED_SURROGATE);
        assertThat(InputText.characterProblem("ok\uD83D")).isEqualTo(InputText.Problem.UNPAIRED_SURROGATE);
        for (String nonCharacter : new String[]{"\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\uD83F\uDFFE",
                "\uD83F\uDFFF", "\uDBFF\uDFFF", "\uDBFF\uDFFE"}) {
            assertThat(InputText.characterProblem("a" + nonCharacter)).as(nonCharacter)
                    .isEqualTo(InputText.Problem.NONCHARACTER);
        }
    }

    @Test
    void boundsLengthInUtf16CodeUnitsAndTreatsNullAsAbsent() {
        assertThat(InputText.problem("x".repeat(10), 10)).isNull();
        assertThat(InputText.problem("x".repeat(11), 10)).isEqualTo(InputText.Problem.TOO_LONG);
        assertThat(InputText.problem("\uD83D\uDE00".repeat(5), 10)).isNull();
        assertThat(InputText.problem(null, 0)).isNull();
    }
}
