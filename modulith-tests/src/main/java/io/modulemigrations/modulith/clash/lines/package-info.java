/** An application module identified as {@code order_items}. */
@ApplicationModule(id = "order_items")
package io.modulemigrations.modulith.clash.lines;

import org.springframework.modulith.ApplicationModule;
