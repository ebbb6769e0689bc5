package io.modulemigrations.modulith.cycle;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Two application modules that use each other, so no migration order follows from them. */
@SpringBootApplication
public class CycleApplication {
}
