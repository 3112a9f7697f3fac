package io.llmplatform.auth.session;

import io.llmplatform.contracts.auth.LoginRequest;
import io.llmplatform.contracts.auth.RefreshRequest;
import io.llmplatform.contracts.auth.TokenResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Login, refresh and logout; public, since they are how a caller gets a token in the first place. */
@RestController
@RequestMapping("/api/v1/auth")
class SessionController {

    private final LoginService logins;
    private final Sessions sessions;

    SessionController(LoginService logins, Sessions sessions) {
        this.logins = logins;
        this.sessions = sessions;
    }

    /** The client IP is the socket peer, or the first untrusted hop of X-Forwarded-For behind internal proxies. */
    @PostMapping("/login")
    ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return noStore(logins.login(request, http.getRemoteAddr()));
    }

    @PostMapping("/refresh")
    ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return noStore(sessions.refresh(request.refreshToken()));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
        sessions.end(request.refreshToken());
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<TokenResponse> noStore(TokenResponse tokens) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
    }
}
