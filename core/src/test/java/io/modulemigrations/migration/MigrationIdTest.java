package io.modulemigrations.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Names are checked by hand on every start; the check must say what the documented forms say. */
class MigrationIdTest {

    private static final Pattern NAME = Pattern.compile("Migration(\\d{14}|\\d{12})(_[A-Za-z0-9_]+)?");
    private static final Pattern MODULE = Pattern.compile("[a-z][a-z0-9_]*");

    @Test
    void theNameCheckAgreesWithItsPattern() {
        List<String> names = new ArrayList<>(List.of("Migration202507021059", "Migration20240509083918_InitialSetup",
                "Migration202507021059_", "Migration2025070210590", "Migration20250702105", "migration202507021059",
                "Migration202507021059-x", "Migration202507021059_a-b", "Migration202507021059__x", "Migration", "", "Migration٢٠٢٥٠٧٠٢١٠٥٩"));
        Random random = new Random(42);
        String alphabet = "Migrat0123456789_aZz-. ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder(random.nextBoolean() ? "Migration" : "");
            int digits = random.nextInt(16);
            for (int d = 0; d < digits; d++) {
                name.append((char) ('0' + random.nextInt(10)));
            }
            int tail = random.nextInt(6);
            for (int t = 0; t < tail; t++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            names.add(name.toString());
        }
        for (String name : names) {
            assertThat(MigrationId.isValidName(name)).as(name).isEqualTo(NAME.matcher(name).matches());
        }
        assertThat(names.stream().filter(MigrationId::isValidName).count()).as("valid names among them").isGreaterThan(100);
    }

    @Test
    void theModuleCheckAgreesWithItsPattern() {
        List<String> modules = new ArrayList<>(List.of("blog", "product_review", "b2b", "_blog", "Blog", "2blog", "blog-x", "", "é"));
        Random random = new Random(7);
        String alphabet = "abz09_AZ-.é";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder module = new StringBuilder();
            int length = random.nextInt(6);
            for (int c = 0; c < length; c++) {
                module.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            modules.add(module.toString());
        }
        for (String module : modules) {
            assertThat(MigrationId.isValidModule(module)).as(module).isEqualTo(MODULE.matcher(module).matches());
        }
        assertThat(modules.stream().filter(MigrationId::isValidModule).count()).as("valid modules among them").isGreaterThan(100);
    }
}
