// Command providers-schema prints the provider's schemas as JSON, in the
// format of `terraform providers schema -json`, for tfplugindocs
// (--providers-schema). The Terraform CLI that docs are generated with here
// (1.11) predates list resources (1.14) and resource identity (1.12) and
// leaves their schemas out of its output; this reads them from the provider
// itself, in process, over the same protocol calls.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider"
)

// providerAddress is the key tfplugindocs looks the schema up by.
const providerAddress = "registry.terraform.io/hashicorp/jpush"

func main() {
	out, err := run(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "providers-schema:", err)
		os.Exit(1)
	}
	os.Stdout.Write(append(out, '\n'))
}

func run(ctx context.Context) ([]byte, error) {
	s, err := providerserver.NewProtocol6WithError(provider.New("docs")())()
	if err != nil {
		return nil, err
	}
	ps, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	if err := diagError(ps.Diagnostics); err != nil {
		return nil, err
	}
	ids, err := s.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		return nil, err
	}
	if err := diagError(ids.Diagnostics); err != nil {
		return nil, err
	}
	js, err := convert(ps, ids)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(map[string]any{
		"format_version":   "1.0",
		"provider_schemas": map[string]any{providerAddress: js},
	}, "", "  ")
}

func diagError(ds []*tfprotov6.Diagnostic) error {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	return nil
}
