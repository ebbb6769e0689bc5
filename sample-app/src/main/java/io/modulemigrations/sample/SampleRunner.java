package io.modulemigrations.sample;

import io.modulemigrations.sample.blog.PostRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * An application's own start-up work, as most applications have: it reads the blog's posts, which
 * works because migrations ran before it. With {@code sample.runner-marker} (or
 * {@code SAMPLE_RUNNER_MARKER}) naming a file, it also writes that file, so a test can see whether it
 * ran; {@code db:*} commands never run it.
 */
@Component
class SampleRunner implements CommandLineRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleRunner.class);

    private final PostRepository posts;
    private final Environment environment;

    SampleRunner(PostRepository posts, Environment environment) {
        this.posts = posts;
        this.environment = environment;
    }

    @Override
    public void run(String... args) throws IOException {
        long count = this.posts.count();
        log.info("Sample runner ran: the blog has {} post(s)", count);
        String marker = this.environment.getProperty("sample.runner-marker");
        if (marker != null && !marker.isBlank()) {
            Files.writeString(Path.of(marker), "Sample runner ran: the blog has " + count + " post(s)\n");
        }
    }
}
