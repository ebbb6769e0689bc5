package io.modulemigrations.modulith.cycle.invoice;

import io.modulemigrations.modulith.cycle.billing.Billing;

/** Uses the billing module. */
public record Invoice(String number, Billing billing) {
}
