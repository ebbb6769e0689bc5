package io.modulemigrations.autoconfigure;

import io.modulemigrations.autoconfigure.ModuleMigrationsProperties.RunOn;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when startup migrations run at the given moment: {@code module-migrations.run-on}, else
 * {@link RunOn#INITIALIZATION initialization} when JPA is on the classpath (Hibernate validates or
 * updates the schema while the context refreshes, so migrations must come first) and
 * {@link RunOn#READY ready} otherwise.
 */
abstract class RunOnCondition extends SpringBootCondition {

    static final String JPA_CLASS = "jakarta.persistence.EntityManagerFactory";

    private final RunOn expected;

    RunOnCondition(RunOn expected) {
        this.expected = expected;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("module-migrations.run-on");
        RunOn configured = Binder.get(context.getEnvironment()).bind("module-migrations.run-on", RunOn.class).orElse(null);
        RunOn effective = configured != null ? configured : defaultFor(context.getClassLoader());
        String why = configured != null ? "configured " : (effective == RunOn.INITIALIZATION ? "JPA present, " : "no JPA, ");
        return effective == this.expected ? ConditionOutcome.match(message.because(why + effective))
                : ConditionOutcome.noMatch(message.because(why + effective));
    }

    static RunOn defaultFor(ClassLoader classLoader) {
        return ClassUtils.isPresent(JPA_CLASS, classLoader) ? RunOn.INITIALIZATION : RunOn.READY;
    }

    static final class Initialization extends RunOnCondition {
        Initialization() {
            super(RunOn.INITIALIZATION);
        }
    }

    static final class Ready extends RunOnCondition {
        Ready() {
            super(RunOn.READY);
        }
    }
}
