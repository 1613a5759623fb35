package main

// The cost of the typed push schema for push_json configurations, from the
// in-process benchmarks of internal/provider/bench_schema_test.go.

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// schemaWeight is one plugin-protocol call for the three resources of
// bench_schema_test.go, each the median of the runs.
type schemaWeight struct {
	call                 string
	real, stub, stubNone benchResult
}

var schemaWeightRE = regexp.MustCompile(`^BenchmarkSchemaWeight(\w+)/(real|stub|stubnopush)-\d+\s+\d+\s+([0-9.]+) ns/op\s+(\d+) B/op\s+(\d+) allocs/op`)

var schemaWeightCalls = []struct{ bench, call string }{
	{"Validate", "ValidateResourceConfig"},
	{"Read", "ReadResource (refresh)"},
	{"PlanNoChange", "PlanResourceChange, no change"},
}

func parseSchemaWeight(out string) []schemaWeight {
	got := map[string][]benchResult{}
	for _, line := range strings.Split(out, "\n") {
		m := schemaWeightRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[3], 64)
		by, _ := strconv.Atoi(m[4])
		al, _ := strconv.Atoi(m[5])
		got[m[1]+"/"+m[2]] = append(got[m[1]+"/"+m[2]], benchResult{ms: ns / 1e6, bytes: by, allocs: al})
	}
	median := func(rs []benchResult) benchResult {
		if len(rs) == 0 {
			return benchResult{}
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].ms < rs[j].ms })
		return rs[len(rs)/2]
	}
	var res []schemaWeight
	for _, c := range schemaWeightCalls {
		res = append(res, schemaWeight{
			call: c.call, real: median(got[c.bench+"/real"]), stub: median(got[c.bench+"/stub"]), stubNone: median(got[c.bench+"/stubnopush"]),
		})
	}
	return res
}

// weightMarkdown reports the measurement and the choice it led to.
func (r *report) weightMarkdown(b *strings.Builder) {
	if len(r.weight) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## The cost of the typed schema for `push_json` configurations\n\n")
	fmt.Fprintf(b, "What would another design save for a configuration that uses `push_json`? `go test -bench SchemaWeight "+
		"./internal/provider/` (`bench_schema_test.go`) takes the same `push_json` schedule through the same calls, in process, "+
		"for three resources: **real** is `jpush_schedule` as it is; **stub** has exactly its schema (the typed `push` "+
		"included, with every validator and plan modifier) and no code of its own; **no push** is the stub less the "+
		"typed `push`, i.e. a `push_json`-only resource type. real − stub is the provider's own code: the most that "+
		"serving `push_json` configurations without walking the typed `push` could save while the schema stays. "+
		"stub − no push is what only a change of the user-facing schema (a separate resource type, or dropping the "+
		"typed `push`) could save, in the provider process alone. Allocations are exact; times are medians of 3 runs "+
		"and noisy on a shared machine.\n\n")
	fmt.Fprintf(b, "| call | real | stub | no push | real allocs | stub allocs | no push allocs |\n|---|---:|---:|---:|---:|---:|---:|\n")
	var realAllocs, stub, none int
	for _, w := range r.weight {
		fmt.Fprintf(b, "| %s | %.2f ms | %.2f ms | %.2f ms | %d | %d | %d |\n", w.call, w.real.ms, w.stub.ms, w.stubNone.ms,
			w.real.allocs, w.stub.allocs, w.stubNone.allocs)
		realAllocs, stub, none = realAllocs+w.real.allocs, stub+w.stub.allocs, none+w.stubNone.allocs
	}
	if realAllocs == 0 {
		return
	}
	fmt.Fprintf(b, "\nOver the three calls: the provider's own code is %d of %d allocations (%.0f%%); the typed `push` in "+
		"the schema, null in every value, is %d (%.0f%%): the framework builds and walks its nested type in each call "+
		"whether or not the value uses it.\n\n", realAllocs-stub, realAllocs, pct(realAllocs-stub, realAllocs), stub-none, pct(stub-none, realAllocs))
	fmt.Fprintf(b, "**Choice: no change.** The part a change could reach while keeping the schema (real − stub) is the "+
		"provider's own work for this call sequence: the list-snapshot lookup and the payload comparison of the "+
		"refresh, the plan's clock and replacement checks, the `push`/`push_json` exclusivity check. None of it walks "+
		"the typed `push` of a `push_json` configuration (the plan reads single attributes, the refresh compares the "+
		"JSON form, the typed `push` is null), so skipping the typed `push` has nothing left to skip. The larger part "+
		"(stub − no push) belongs to the schema itself, and in Terraform core too (the CPU pass above: `push_json` "+
		"over the plugin floor); only a separate `push_json`-only resource type would remove it, which changes the "+
		"user-facing schema, so it is not taken.\n")
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
