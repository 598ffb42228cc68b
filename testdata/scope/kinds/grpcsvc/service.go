// Package grpcsvc serves the greeter service over gRPC.
package grpcsvc

import (
	"context"
	"net"

	"example.com/kinds/gen/greeterpb"
	"google.golang.org/grpc"
)

type greeter struct {
	greeterpb.UnimplementedGreeterServer
}

// SayHello answers one greeting.
func (g *greeter) SayHello(ctx context.Context, in *greeterpb.HelloRequest) (*greeterpb.HelloReply, error) {
	return &greeterpb.HelloReply{Message: "hello " + in.GetName()}, nil
}

// Serve registers the service and serves on lis.
func Serve(lis net.Listener) error {
	s := grpc.NewServer()
	greeterpb.RegisterGreeterServer(s, &greeter{})
	return s.Serve(lis)
}
