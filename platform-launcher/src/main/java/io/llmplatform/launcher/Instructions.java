package io.llmplatform.launcher;

import io.llmplatform.launcher.service.PlatformService;
import java.time.Duration;
import java.util.Locale;

/** What a newcomer sees once the platform is ready: where it is, who the administrator is, how to use it. */
final class Instructions {

    static String ready(LocalPlatform platform, LaunchSettings settings, Duration startup) {
        String gateway = "http://localhost:" + platform.port(PlatformService.GATEWAY);
        PlatformSecrets secrets = platform.secrets();
        String model = "default";
        return String.format(Locale.ROOT, """

                The LLM platform is ready (%.1f s).

                  Gateway      %s
                  Swagger UI   %s/swagger-ui.html
                  Admin        %s / %s   (generated at first start; kept in %s)
                  Logs         %s

                Log in and chat with curl:

                  export TOKEN=$(curl -s %s/api/v1/auth/login -H 'Content-Type: application/json' \\
                    -d '{"login": "%s", "password": "%s"}' \\
                    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
                  curl -s %s/v1/chat/completions -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                    -d '{"model": "%s", "messages": [{"role": "user", "content": "Hello!"}]}'

                Or with the OpenAI Python SDK (pip install openai), in the same shell:

                  import os
                  from openai import OpenAI
                  client = OpenAI(base_url="%s/v1", api_key=os.environ["TOKEN"])
                  reply = client.chat.completions.create(model="%s", messages=[{"role": "user", "content": "Hello!"}])
                  print(reply.choices[0].message.content)

                Ctrl-C stops everything; the next ./platform up keeps your users, conversations and usage.
                """, startup.toMillis() / 1000.0, gateway, gateway, secrets.adminEmail(), secrets.adminPassword(),
                settings.dataDirectory().resolve(PlatformSecrets.FILE), settings.dataDirectory().resolve("logs"),
                gateway, secrets.adminEmail(), secrets.adminPassword(), gateway, model, gateway, model);
    }

    private Instructions() {
    }
}
