package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"
)

// Services without a health check, each for a reason written in docker-compose.yml.
var withoutHealthcheck = map[string]bool{"otel-collector": true}

var secretName = regexp.MustCompile(`(?i)(PASSWORD|SECRET|TOKEN|_KEY$|ENCRYPTION_KEY)`)
var interpolation = regexp.MustCompile(`^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$`)

// checkCompose loads the file as `docker compose` does (interpolated from envFile, every profile active) and checks
// health checks, start-up order, memory limits, GPUs for vLLM, and that no secret is written in the file itself.
func checkCompose(path, envFile string) ([]string, error) {
	project, err := load(path, envFile, true)
	if err != nil {
		return nil, fmt.Errorf("%s does not load: %w", path, err)
	}
	raw, err := rawEnvironments(path)
	if err != nil {
		return nil, err
	}
	var problems []string
	names := make([]string, 0, len(project.Services))
	for name := range project.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		service := project.Services[name]
		if !withoutHealthcheck[name] && (service.HealthCheck == nil || service.HealthCheck.Disable ||
			len(service.HealthCheck.Test) == 0) {
			problems = append(problems, fmt.Sprintf("service %s has no healthcheck", name))
		}
		for dependency, condition := range service.DependsOn {
			if condition.Condition != types.ServiceConditionHealthy {
				problems = append(problems, fmt.Sprintf("service %s waits for %s to be %s, not service_healthy",
					name, dependency, condition.Condition))
			}
		}
		if service.Deploy == nil || service.Deploy.Resources.Limits == nil ||
			service.Deploy.Resources.Limits.MemoryBytes <= 0 {
			problems = append(problems, fmt.Sprintf("service %s has no memory limit", name))
		}
		for variable, value := range raw[name] {
			if secretName.MatchString(variable) && value != "" && !interpolation.MatchString(value) {
				problems = append(problems, fmt.Sprintf("service %s writes the secret %s in the file: use ${%s} from .env",
					name, variable, variable))
			}
		}
	}
	problems = append(problems, checkGpuServer(project)...)
	return problems, nil
}

func checkGpuServer(project *types.Project) []string {
	vllm, ok := project.Services["vllm"]
	if !ok {
		return []string{"no vllm service (the gpu profile's real model server)"}
	}
	var problems []string
	if len(vllm.Profiles) != 1 || vllm.Profiles[0] != "gpu" {
		problems = append(problems, "service vllm must be in the gpu profile only")
	}
	gpu := false
	if vllm.Deploy != nil && vllm.Deploy.Resources.Reservations != nil {
		for _, device := range vllm.Deploy.Resources.Reservations.Devices {
			if device.Driver == "nvidia" && contains(device.Capabilities, "gpu") {
				gpu = true
			}
		}
	}
	if !gpu {
		problems = append(problems, "service vllm reserves no NVIDIA GPU")
	}
	if len(vllm.Command) == 0 || !strings.Contains(strings.Join(vllm.Command, " "), "--served-model-name") {
		problems = append(problems, "service vllm does not name the model it serves")
	}
	return problems
}

// rawEnvironments are the services' environment entries as written, before interpolation (anchors merged).
func rawEnvironments(path string) (map[string]map[string]string, error) {
	content, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(content, &file); err != nil {
		return nil, fmt.Errorf("%s: %w (environments must be maps)", path, err)
	}
	environments := map[string]map[string]string{}
	for name, service := range file.Services {
		environments[name] = service.Environment
	}
	return environments, nil
}

func load(path, envFile string, interpolate bool) (*types.Project, error) {
	options, err := cli.NewProjectOptions([]string{path}, cli.WithName("llm-platform"), cli.WithEnvFiles(envFile),
		cli.WithDotEnv, cli.WithProfiles([]string{"*"}), cli.WithInterpolation(interpolate),
		cli.WithResolvedPaths(true))
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}

func contains(values []string, wanted string) bool {
	for _, value := range values {
		if value == wanted {
			return true
		}
	}
	return false
}

// composeEnvironment lists the variables each service gets, as "service NAME" lines, sorted.
func composeEnvironment(path, envFile string) ([]string, error) {
	project, err := load(path, envFile, true)
	if err != nil {
		return nil, fmt.Errorf("%s does not load: %w", path, err)
	}
	var lines []string
	for name, service := range project.Services {
		for variable := range service.Environment {
			lines = append(lines, name+" "+variable)
		}
	}
	sort.Strings(lines)
	return lines, nil
}
