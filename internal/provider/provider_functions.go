package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/functions"
)

var _ provider.ProviderWithFunctions = (*jpushProvider)(nil)

// Functions are the provider's Terraform functions (provider::jpush::...),
// which live in internal/provider/functions.
func (p *jpushProvider) Functions(context.Context) []func() function.Function {
	return functions.All()
}
