package io.llmplatform.launcher.service;

/** A service that did not come up, and why, in a sentence a person can act on. */
public class ServiceFailure extends Exception {

    private final PlatformService service;

    public ServiceFailure(PlatformService service, String cause) {
        super(service.module() + " " + cause);
        this.service = service;
    }

    public PlatformService service() {
        return service;
    }
}
