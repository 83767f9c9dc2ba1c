using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OpenDay.ServiceDefaults.Hosting;

/// <summary>Where a process listens: the ports the AppHost gives it, one per protocol.</summary>
public static class ServiceEndpoints
{
    /// <summary>
    /// Kestrel endpoints: <c>GRPC_PORT</c> speaks HTTP/2 only (gRPC without TLS needs prior knowledge) and
    /// <c>HTTP_PORT</c> speaks HTTP/1.1 (JSON transcoding, health). The AppHost sets both.
    /// </summary>
    public static TBuilder ConfigureServiceEndpoints<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var httpPort = builder.Configuration.GetValue<int?>("HTTP_PORT");
        var grpcPort = builder.Configuration.GetValue<int?>("GRPC_PORT");
        if (httpPort is null && grpcPort is null)
        {
            return builder; // Outside the AppHost: ASPNETCORE_URLS or Kestrel's defaults.
        }
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            if (httpPort is { } http) kestrel.ListenLocalhost(http, o => o.Protocols = HttpProtocols.Http1);
            if (grpcPort is { } grpc) kestrel.ListenLocalhost(grpc, o => o.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }
}
