package io.llmplatform.models.catalog;

import io.llmplatform.contracts.models.ProfileCatalog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/profiles")
class CatalogController {

    private final ModelCatalog catalog;

    CatalogController(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** The model profiles the platform can run, with their architecture and vLLM arguments. */
    @GetMapping
    ProfileCatalog profiles() {
        return catalog.current();
    }

    /** Reads the catalog file again; a bad file is refused (422) with its lines and fields, the old one stays. */
    @PostMapping("/reload")
    @PreAuthorize("hasRole('ADMIN')")
    ProfileCatalog reload() {
        return catalog.reload();
    }
}
