package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/pprof"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider"
)

func main() {
	f, _ := os.Create(os.Args[1])
	pprof.StartCPUProfile(f)
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	go func() { <-ctx.Done(); pprof.StopCPUProfile(); f.Close(); os.Exit(0) }()
	providerserver.Serve(ctx, provider.New("prof"), providerserver.ServeOpts{Address: "registry.terraform.io/jpushtf/jpush", Debug: true})
}
