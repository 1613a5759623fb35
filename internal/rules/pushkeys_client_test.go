package rules_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// TestUnknownPushKeysKnowsTheClient: every key the client's typed push can
// put on the wire is documented, so the provider never warns about a field
// of its own typed push.
func TestUnknownPushKeysKnowsTheClient(t *testing.T) {
	full, _ := everyKey(reflect.TypeOf(client.Push{})).(map[string]any)
	if len(full) < 8 {
		t.Fatalf("walked %d top-level keys of client.Push", len(full))
	}
	if got := rules.UnknownPushKeys(full); len(got) != 0 {
		t.Errorf("keys of client.Push reported unknown: %+v", got)
	}
}

// everyKey is a value of type t with every JSON key of every struct set.
func everyKey(t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		m := map[string]any{}
		for i := 0; i < t.NumField(); i++ {
			name := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
			if name != "" && name != "-" {
				m[name] = everyKey(t.Field(i).Type)
			}
		}
		return m
	case reflect.Slice:
		if t == reflect.TypeOf(json.RawMessage{}) {
			return "raw"
		}
		return []any{everyKey(t.Elem())}
	}
	return "x"
}
