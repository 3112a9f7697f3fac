package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// A base image must name an exact version: a tag with a digit in it (or a digest), never latest or nothing.
var pinnedImage = regexp.MustCompile(`^[^:@\s]+(:[^@\s]*[0-9][^@\s]*)?(@sha256:[0-9a-f]{64})?$`)

type stage struct {
	from        string
	user        string
	healthcheck bool
	entrypoint  string
	runs        []string
	env         []string
}

// checkDockerfile parses the file as BuildKit does and checks what every image of the platform must have.
func checkDockerfile(path string) ([]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	result, err := parser.Parse(file)
	if err != nil {
		return nil, fmt.Errorf("%s does not parse: %w", path, err)
	}
	var problems []string
	var stages []*stage
	stageNames := map[string]bool{}
	repository := filepath.Dir(filepath.Dir(path))
	for _, node := range result.AST.Children {
		instruction := strings.ToUpper(node.Value)
		args := words(node)
		if instruction == "FROM" {
			if len(args) == 0 {
				return nil, fmt.Errorf("line %d: FROM without an image", node.StartLine)
			}
			image := args[0]
			if !stageNames[image] && (!pinnedImage.MatchString(image) || !strings.ContainsAny(image, ":@") ||
				strings.HasSuffix(image, ":latest")) {
				problems = append(problems, fmt.Sprintf("line %d: base image %q is not pinned to a version", node.StartLine, image))
			}
			if len(args) == 3 && strings.EqualFold(args[1], "AS") {
				stageNames[args[2]] = true
			}
			stages = append(stages, &stage{from: image})
			continue
		}
		if len(stages) == 0 {
			continue
		}
		current := stages[len(stages)-1]
		switch instruction {
		case "USER":
			current.user = strings.Join(args, " ")
		case "HEALTHCHECK":
			current.healthcheck = len(args) > 0 && !strings.EqualFold(args[0], "NONE")
		case "ENTRYPOINT":
			current.entrypoint = strings.Join(args, " ")
		case "RUN":
			current.runs = append(current.runs, strings.Join(args, " "))
		case "ENV":
			current.env = append(current.env, strings.Join(args, " "))
		case "COPY":
			problems = append(problems, missingSources(repository, node.StartLine, node)...)
		}
	}
	if len(stages) < 2 {
		problems = append(problems, "the build is not multi-stage: the runtime image would carry the build tools")
		return problems, nil
	}
	final := stages[len(stages)-1]
	user := strings.SplitN(final.user, ":", 2)[0]
	if user == "" || user == "0" || user == "root" {
		problems = append(problems, "the final stage runs as root: it needs a USER with a non-root uid")
	}
	if !final.healthcheck {
		problems = append(problems, "the final stage has no HEALTHCHECK")
	}
	if !strings.Contains(final.entrypoint, "-XX:AOTCache=") {
		problems = append(problems, "the ENTRYPOINT does not run with the AOT cache (-XX:AOTCache=)")
	}
	if !strings.Contains(strings.Join(final.env, " "), "MaxRAMPercentage") {
		problems = append(problems, "the JVM is not sized by the container's memory (-XX:MaxRAMPercentage in the ENV)")
	}
	if !anyContains(final.runs, "train-aot-cache") {
		problems = append(problems, "the final stage does not train the AOT cache")
	}
	if !anyStageRuns(stages, "extract --layers") {
		problems = append(problems, "no stage extracts the jar's layers (java -Djarmode=tools -jar app.jar extract --layers)")
	}
	return problems, nil
}

// words are an instruction's arguments as the parser split them, flags (--from, --interval...) left out.
func words(node *parser.Node) []string {
	var args []string
	for n := node.Next; n != nil; n = n.Next {
		args = append(args, n.Value)
	}
	return args
}

// missingSources names the files a COPY takes from the build context that are not in the repository.
func missingSources(repository string, line int, node *parser.Node) []string {
	for _, flag := range node.Flags {
		if strings.HasPrefix(flag, "--from") {
			return nil
		}
	}
	args := words(node)
	var problems []string
	for _, source := range args[:max(0, len(args)-1)] {
		if source == "." || strings.ContainsAny(source, "*$") {
			continue
		}
		if _, err := os.Stat(filepath.Join(repository, source)); err != nil {
			problems = append(problems, fmt.Sprintf("line %d: COPY source %s is not in the repository", line, source))
		}
	}
	return problems
}

func anyContains(values []string, part string) bool {
	for _, value := range values {
		if strings.Contains(value, part) {
			return true
		}
	}
	return false
}

func anyStageRuns(stages []*stage, part string) bool {
	for _, s := range stages {
		if anyContains(s.runs, part) {
			return true
		}
	}
	return false
}
