package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/pprof"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider"
)

func main() {
	f, _ := os.Create(os.Args[1])
	pprof.StartCPUProfile(f)
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	go func() { time.Sleep(8 * time.Second); pprof.StopCPUProfile(); f.Close(); println("PROFILE DONE") }()
	providerserver.Serve(ctx, provider.New("prof"), providerserver.ServeOpts{Address: "registry.terraform.io/jpushtf/jpush", Debug: true})
}
