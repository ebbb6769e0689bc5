package io.modulemigrations.modulith.cycle.billing;

import io.modulemigrations.modulith.cycle.invoice.Invoice;

/** Uses the invoice module. */
public record Billing(Invoice invoice) {
}
