package io.modulemigrations.modulith.clash;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Two application modules whose identifiers, {@code order-items} and {@code order_items}, map to one module name. */
@SpringBootApplication
public class ClashApplication {
}
