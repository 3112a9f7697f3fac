package io.llmplatform.auth.user;

import io.llmplatform.contracts.auth.RegisterRequest;
import io.llmplatform.contracts.auth.UserView;
import io.llmplatform.support.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class RegistrationController {

    private final UserService users;

    RegistrationController(UserService users) {
        this.users = users;
    }

    @PostMapping("/register")
    ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request) {
        User user = users.register(request);
        return ResponseEntity.created(URI.create("/api/v1/auth/me")).body(UserService.view(user));
    }

    @GetMapping("/me")
    UserView me(Caller caller) {
        return UserService.view(users.get(caller.userId()));
    }
}
