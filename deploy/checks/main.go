// Command deploy-checks validates the platform's deployment files offline, with the parsers the real tools use:
// BuildKit's Dockerfile parser, compose-go (the loader of `docker compose`), and Prometheus' PromQL parser.
//
//	deploy-checks dockerfile docker/Dockerfile
//	deploy-checks compose docker-compose.yml .env.example
//	deploy-checks compose-env docker-compose.yml .env.example
//	deploy-checks dashboards monitoring/grafana/dashboards
//	deploy-checks metric-names monitoring/prometheus/rules monitoring/grafana/dashboards
//
// Each check prints what is wrong, one problem a line, and exits 1 when there is any. compose-env prints each
// service's variable names ("service NAME", one a line); metric-names prints every metric name the rules and
// dashboards query, one a line.
package main

import (
	"fmt"
	"os"
	"sort"
)

func main() {
	if len(os.Args) < 3 {
		usage()
	}
	var problems []string
	var err error
	switch os.Args[1] {
	case "dockerfile":
		problems, err = checkDockerfile(os.Args[2])
	case "compose":
		if len(os.Args) != 4 {
			usage()
		}
		problems, err = checkCompose(os.Args[2], os.Args[3])
	case "compose-env":
		if len(os.Args) != 4 {
			usage()
		}
		var lines []string
		lines, err = composeEnvironment(os.Args[2], os.Args[3])
		for _, line := range lines {
			fmt.Println(line)
		}
	case "dashboards":
		_, problems, err = dashboardQueries(os.Args[2])
	case "metric-names":
		if len(os.Args) != 4 {
			usage()
		}
		var names []string
		names, problems, err = metricNames(os.Args[2], os.Args[3])
		if err == nil && len(problems) == 0 {
			sort.Strings(names)
			for _, name := range names {
				fmt.Println(name)
			}
		}
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	for _, problem := range problems {
		fmt.Fprintln(os.Stderr, problem)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: deploy-checks dockerfile FILE | compose FILE ENV_FILE | compose-env FILE ENV_FILE | dashboards DIR | metric-names RULES_DIR DASHBOARDS_DIR")
	os.Exit(2)
}
