package io.llmplatform.models.pool;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelPoolRepository extends JpaRepository<ModelPool, String> {
}
