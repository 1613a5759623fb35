package provider

import (
	"testing"
)

func TestQuietLogsUnlessAsked(t *testing.T) {
	for _, tc := range []struct {
		name    string
		environ []string
		quiet   bool
	}{
		{"nothing asked", []string{"HOME=/root", "PATH=/bin", "CHECKPOINT_DISABLE=1"}, true},
		{"a variable that only looks alike", []string{"MY_TF_LOG=TRACE"}, true},
		{"TF_LOG", []string{"TF_LOG=TRACE"}, false},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=DEBUG"}, false},
		{"TF_LOG_PROVIDER_JPUSH", []string{"TF_LOG_PROVIDER_JPUSH=DEBUG"}, false},
		{"TF_LOG_SDK", []string{"TF_LOG_SDK=TRACE"}, false},
		{"TF_LOG_SDK_PROTO", []string{"TF_LOG_SDK_PROTO=TRACE"}, false},
		{"TF_LOG_SDK_FRAMEWORK", []string{"TF_LOG_SDK_FRAMEWORK=TRACE"}, false},
		{"TF_LOG_PATH", []string{"TF_LOG_PATH=/tmp/tf.log"}, false},
		{"set but empty", []string{"TF_LOG="}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := map[string]string{}
			quiet, err := QuietLogsUnlessAsked(tc.environ, func(k, v string) error { set[k] = v; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if quiet != tc.quiet {
				t.Fatalf("quiet = %v, want %v", quiet, tc.quiet)
			}
			if !tc.quiet {
				if len(set) != 0 {
					t.Fatalf("logging was asked for, yet it set %v", set)
				}
				return
			}
			for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_JPUSH"} {
				if set[k] != "OFF" {
					t.Errorf("%s = %q, want OFF", k, set[k])
				}
			}
		})
	}
}
