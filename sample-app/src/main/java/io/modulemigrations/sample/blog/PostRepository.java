package io.modulemigrations.sample.blog;

import java.util.List;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

/** The blog's posts. */
public interface PostRepository extends JpaRepository<Post, String> {

    /** Every post with its author loaded, by id. */
    @EntityGraph(attributePaths = "author")
    List<Post> findAllByOrderById();
}
