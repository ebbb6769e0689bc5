package io.modulemigrations.autoconfigure.modulith;

import java.util.Locale;
import org.springframework.modulith.core.ApplicationModuleIdentifier;

/**
 * The module name a Spring Modulith application module's migrations use: its identifier, lower-cased, with every
 * character other than {@code a-z}, {@code 0-9} and {@code _} (such as the {@code .} of a nested module or a
 * {@code -}) replaced by {@code _}, and {@code m_} in front when it does not start with a letter. So {@code order}
 * stays {@code order}, {@code order.payment} becomes {@code order_payment} and {@code Shipping-Rates} becomes
 * {@code shipping_rates}.
 */
final class ModulithModuleNames {

    private ModulithModuleNames() {
    }

    static String of(ApplicationModuleIdentifier identifier) {
        String name = identifier.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.charAt(0) >= 'a' && name.charAt(0) <= 'z' ? name : "m_" + name;
    }
}
