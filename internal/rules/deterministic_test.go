package rules

import "testing"

// TestViolationDeterministic: a payload with two bad keys in one object
// reports the same one on every run, whatever the map iteration order.
func TestViolationDeterministic(t *testing.T) {
	for _, payload := range []string{
		`{"platform":"all","audience":"all","notification":{"alert":"x"},"zz_unknown":1,"aa_unknown":2}`,
		`{"platform":"all","audience":{"tag":"vip","alias":"bob"},"notification":{"alert":"x"}}`,
		`{"platform":"all","audience":{"tagg":["a"],"aliass":["b"],"all":true},"notification":{"alert":"x"}}`,
	} {
		_, first := Push(decodePush(t, payload))
		if first == nil {
			t.Fatalf("%s: accepted", payload)
		}
		for i := 0; i < 200; i++ {
			if _, v := Push(decodePush(t, payload)); v == nil || v.Msg != first.Msg {
				t.Fatalf("%s: run %d reported %v, run 0 reported %q", payload, i, v, first.Msg)
			}
		}
	}
	for i := 0; i < 200; i++ {
		_, v := Audience("a", map[string]any{"x1": []any{"t"}, "x2": []any{"t"}, "x3": "z"})
		if v == nil || v.Msg != "a.x1 is not a supported audience key" {
			t.Fatalf("run %d: %v, want the first key in sorted order", i, v)
		}
	}
}
