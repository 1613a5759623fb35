// Package trigger is a schedule's trigger, single or periodical: schema,
// model and its wire form, the plan-time checks (with JPush's clock), when a
// periodical trigger fires (the calendar itself is internal/rules), and the
// plan modifiers that keep equal instants and point sets from showing as
// changes and replace a resource whose trigger changes kind.
package trigger
