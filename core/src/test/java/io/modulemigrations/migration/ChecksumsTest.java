package io.modulemigrations.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checksums are written and compared as 8 lower-case hex digits, as every history row holds them. */
class ChecksumsTest {

    @Test
    void aCrcIsEightLowerCaseHexDigits() {
        Random random = new Random(13);
        for (int i = 0; i < 10_000; i++) {
            long crc = i < 3 ? new long[] {0, 0xFFFF_FFFFL, 0x0000_00A0L}[i] : random.nextInt() & 0xFFFF_FFFFL;
            String expected = String.format("%08x", crc);

            assertThat(Checksums.hex(crc)).isEqualTo(expected);
            assertThat(Checksums.isCrc(expected, crc)).isTrue();
            assertThat(Checksums.isCrcAt("x:" + expected + "\n", 2, crc)).isTrue();
            assertThat(Checksums.isCrc(expected, crc ^ 1)).isFalse();
        }
    }

    @Test
    void onlyTheExactFormIsTheSameChecksum() {
        assertThat(Checksums.isCrc("000000A0", 0xA0)).as("upper case is not what was recorded").isFalse();
        assertThat(Checksums.isCrc("a0", 0xA0)).as("unpadded").isFalse();
        assertThat(Checksums.isCrc("000000a0 ", 0xA0)).isFalse();
        assertThat(Checksums.isCrcAt("000000a", 0, 0xA0)).as("cut short").isFalse();
        assertThat(Checksums.isCrcAt("000000a0", -1, 0xA0)).isFalse();
    }
}
