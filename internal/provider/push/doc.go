// Package push is the push payload of a schedule: the typed push (schema,
// model, its decoding from Terraform values and its wire form), the raw
// push_json type, the rule that exactly one of the two is set, and the
// plan modifiers that keep an equivalent push from showing as a change.
package push
