// Command terraform-provider-jpush is the Terraform provider for JPush (极光推送)
// scheduled pushes.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	if _, err := provider.QuietLogsUnlessAsked(os.Environ(), os.Setenv); err != nil {
		log.Fatal(err.Error())
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/jpushtf/jpush",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
