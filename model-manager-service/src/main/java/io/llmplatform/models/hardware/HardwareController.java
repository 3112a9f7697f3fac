package io.llmplatform.models.hardware;

import io.llmplatform.contracts.models.PoolHardware;
import io.llmplatform.models.config.ModelManagerProperties;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HardwareController {

    private final GpuInventory inventory;
    private final ModelManagerProperties properties;

    HardwareController(GpuInventory inventory, ModelManagerProperties properties) {
        this.inventory = inventory;
        this.properties = properties;
    }

    /** Every pool's GPUs: name, memory total and used (MiB), utilisation, and where that was read. */
    @GetMapping("/api/v1/models/hardware")
    List<PoolHardware> hardware() {
        return properties.pools().stream().map(inventory::read).toList();
    }
}
