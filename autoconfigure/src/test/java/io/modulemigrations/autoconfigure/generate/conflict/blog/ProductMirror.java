package io.modulemigrations.autoconfigure.generate.conflict.blog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A blog entity mapping the product module's table: db:generate refuses it. */
@Entity
@Table(name = "product")
public class ProductMirror {

    @Id
    private String id;
}
