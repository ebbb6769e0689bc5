package io.modulemigrations.modulith.clash.orderitems;

/** A type, so the module is not empty. */
public record OrderItems(int count) {
}
