/** An application module identified as {@code order-items}. */
@ApplicationModule(id = "order-items")
package io.modulemigrations.modulith.clash.orderitems;

import org.springframework.modulith.ApplicationModule;
