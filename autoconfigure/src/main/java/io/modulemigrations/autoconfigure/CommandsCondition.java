package io.modulemigrations.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when the {@code db:*} commands are to be beans: {@code module-migrations.commands.enabled}
 * when set (command mode sets it for a launch with a {@code db:*} argument), else when Spring Shell
 * is on the classpath or the application is being processed ahead of time (its bean definitions are
 * then fixed for every later launch, commands included). A plain start defines none of them, so
 * Spring neither loads nor inspects their classes.
 */
final class CommandsCondition extends SpringBootCondition {

    static final String PROPERTY = "module-migrations.commands.enabled";

    static final String SHELL_CLASS = "org.springframework.shell.core.command.Command";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("db:* commands");
        Boolean configured = context.getEnvironment().getProperty(PROPERTY, Boolean.class);
        if (configured != null) {
            return new ConditionOutcome(configured, message.because(PROPERTY + "=" + configured));
        }
        if (ClassUtils.isPresent(SHELL_CLASS, context.getClassLoader())) {
            return ConditionOutcome.match(message.because("Spring Shell present"));
        }
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            return ConditionOutcome.match(message.because("processed ahead of time"));
        }
        return ConditionOutcome.noMatch(message.because("no db:* command launched, no Spring Shell"));
    }
}
