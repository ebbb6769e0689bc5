package io.modulemigrations.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The run lock's key: every instance sharing a history table, of this build or an earlier one, takes the same lock. */
class RunLockTest {

    @Test
    void theKeyIsTheOneEarlierBuildsTakeForTheSameTable() {
        // Keys earlier builds took (0x4D4D in the high bits, CRC-32C of the name in the low ones): an old and a
        // new instance of a rolling deploy must wait for each other.
        assertThat(new RunLock("\"module_migrations\"").key()).isEqualTo(0x4d4d0000abfddeafL);
        assertThat(new RunLock("\"billing\".\"module_migrations\"").key()).isEqualTo(0x4d4d0000978d8e17L);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "\"module_migrations\"", "\"Ünïcödé\".\"历史\"",
            "\"a_schema_with_a_name_as_long_as_postgresql_allows_for_it_63_ch\".\"module_migrations\"" })
    void theKeyIsTheCrc32cOfTheTableName(String table) {
        CRC32C crc = new CRC32C();
        crc.update(("module-migrations:" + table).getBytes(StandardCharsets.UTF_8));
        assertThat(new RunLock(table).key()).isEqualTo(0x4D4D_0000_0000_0000L | crc.getValue());
    }

    @Test
    void differentTablesHaveDifferentKeys() {
        assertThat(new RunLock("\"module_migrations\"").key()).isNotEqualTo(new RunLock("\"other_history\"").key());
    }
}
