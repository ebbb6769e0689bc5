package io.modulemigrations.autoconfigure;

import io.modulemigrations.autoconfigure.fixtures.FixtureApplication;
import io.modulemigrations.autoconfigure.fixtures.FixtureApplication.TableNames;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The fixture application's packages (blog and shop migrations) and the bean its blog migration injects. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage(basePackageClasses = FixtureApplication.class)
public class FixturePackages {

    @Bean
    TableNames tableNames() {
        return new TableNames("author");
    }
}
