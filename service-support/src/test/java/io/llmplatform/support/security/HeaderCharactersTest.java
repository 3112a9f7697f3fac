package io.llmplatform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The firewall's header checks give Spring Security's own verdicts, without its regular expressions. */
class HeaderCharactersTest {

    private static final List<String> SAMPLES = List.of("", "Authorization", "X-Request-Id", "text/event-stream",
            "Bearer abc.def", "caf\u00e9", "\u65e5\u672c", "emoji \ud83d\ude00", "a\tb", "a\nb", "a\rb", "\u0000",
            "\u007f", "\u0085", "\u009f", "\u00a0", "\u0378", "\ud83d", "x\ufffe", "\u2028");

    @Test
    void namesAndValuesAreJudgedAsSpringSecurityJudgesThem() {
        for (String sample : samples()) {
            assertThat(HeaderCharacters.ALLOWED_NAMES.test(sample)).as("name %s", escaped(sample))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(sample));
            assertThat(HeaderCharacters.ALLOWED_VALUES.test(sample)).as("value %s", escaped(sample))
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(sample));
        }
    }

    @Test
    void controlCharactersAreRefusedAndTabsAllowedOnlyInValues() {
        assertThat(HeaderCharacters.ALLOWED_VALUES.test("a\nb")).isFalse();
        assertThat(HeaderCharacters.ALLOWED_NAMES.test("a\tb")).isFalse();
        assertThat(HeaderCharacters.ALLOWED_VALUES.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.ALLOWED_VALUES.test("caf\u00e9 \ud83d\ude00")).isTrue();
        assertThat(HeaderCharacters.ALLOWED_VALUES.test(null)).as("an absent header").isTrue();
    }

    /** The fixed samples, and random strings drawn from every plane's edges, controls and surrogates. */
    private static List<String> samples() {
        List<String> samples = new ArrayList<>(SAMPLES);
        Random random = new Random(7);
        int[] interesting = {0x00, 0x09, 0x1f, 0x20, 0x7e, 0x7f, 0x9f, 0xa0, 0x378, 0xd800, 0xdfff, 0xfffe, 0x1f600,
                0xe0001, 0x10ffff};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sample = new StringBuilder();
            for (int length = random.nextInt(4); length >= 0; length--) {
                int codePoint = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                        : random.nextInt(0x10ffff);
                sample.appendCodePoint(codePoint);
            }
            samples.add(sample.toString());
        }
        return samples;
    }

    private static String escaped(String sample) {
        StringBuilder escaped = new StringBuilder();
        sample.codePoints().forEach(c -> escaped.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return escaped.toString();
    }
}
