package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/promql/parser"
	"gopkg.in/yaml.v3"
)

type query struct {
	where string
	expr  string
}

// Grafana's variables, replaced by values of the same kind so that the query parses as Prometheus will see it.
var grafanaVariables = strings.NewReplacer("$__rate_interval", "5m", "$__interval", "1m", "$__range", "1h")

// dashboardQueries reads every dashboard and returns its Prometheus queries; a file that is not JSON, a dashboard
// without a uid or title, or a query that does not parse is a problem.
func dashboardQueries(directory string) ([]query, []string, error) {
	files, err := filepath.Glob(filepath.Join(directory, "*.json"))
	if err != nil || len(files) == 0 {
		return nil, nil, fmt.Errorf("no dashboards in %s", directory)
	}
	var queries []query
	var problems []string
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			return nil, nil, err
		}
		var dashboard struct {
			UID    string `json:"uid"`
			Title  string `json:"title"`
			Panels []struct {
				Title   string `json:"title"`
				Targets []struct {
					Expr       string `json:"expr"`
					Datasource struct {
						Type string `json:"type"`
					} `json:"datasource"`
				} `json:"targets"`
			} `json:"panels"`
		}
		if err := json.Unmarshal(content, &dashboard); err != nil {
			problems = append(problems, fmt.Sprintf("%s is not a dashboard: %v", file, err))
			continue
		}
		if dashboard.UID == "" || dashboard.Title == "" || len(dashboard.Panels) == 0 {
			problems = append(problems, fmt.Sprintf("%s needs a uid, a title and panels", file))
		}
		for _, panel := range dashboard.Panels {
			for _, target := range panel.Targets {
				if target.Datasource.Type != "prometheus" {
					continue
				}
				if target.Expr == "" {
					problems = append(problems, fmt.Sprintf("%s, panel %q: a Prometheus target without expr", file, panel.Title))
					continue
				}
				queries = append(queries, query{fmt.Sprintf("%s, panel %q", filepath.Base(file), panel.Title), target.Expr})
			}
		}
	}
	for _, q := range queries {
		if _, err := parse(q.expr); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", q.where, err))
		}
	}
	return queries, problems, nil
}

func ruleQueries(directory string) ([]query, error) {
	files, err := filepath.Glob(filepath.Join(directory, "*.yml"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no rule files in %s", directory)
	}
	var queries []query
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var rules struct {
			Groups []struct {
				Rules []struct {
					Alert  string `yaml:"alert"`
					Record string `yaml:"record"`
					Expr   string `yaml:"expr"`
				} `yaml:"rules"`
			} `yaml:"groups"`
		}
		if err := yaml.Unmarshal(content, &rules); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, group := range rules.Groups {
			for _, rule := range group.Rules {
				queries = append(queries, query{filepath.Base(file) + ", rule " + rule.Alert + rule.Record, rule.Expr})
			}
		}
	}
	return queries, nil
}

// metricNames are the names of every series the rules and dashboards select.
func metricNames(rulesDirectory, dashboardsDirectory string) ([]string, []string, error) {
	dashboards, problems, err := dashboardQueries(dashboardsDirectory)
	if err != nil {
		return nil, nil, err
	}
	rules, err := ruleQueries(rulesDirectory)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for _, q := range append(dashboards, rules...) {
		expr, err := parse(q.expr)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", q.where, err))
			continue
		}
		parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
			if selector, ok := node.(*parser.VectorSelector); ok {
				name := selector.Name
				for _, matcher := range selector.LabelMatchers {
					if matcher.Name == labels.MetricName && matcher.Type == labels.MatchEqual {
						name = matcher.Value
					}
				}
				if name == "" {
					problems = append(problems, fmt.Sprintf("%s: a selector without a metric name", q.where))
				} else {
					seen[name] = true
				}
			}
			return nil
		})
	}
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	return names, problems, nil
}

func parse(expr string) (parser.Expr, error) {
	return parser.NewParser(parser.Options{}).ParseExpr(grafanaVariables.Replace(expr))
}
