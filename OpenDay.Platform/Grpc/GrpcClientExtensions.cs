using Grpc.Net.ClientFactory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OpenDay.Platform.Grpc;

public static class GrpcClientExtensions
{
    /// <summary>
    /// A client of another OpenDay service's gRPC endpoint (found by service discovery), calling on behalf of the
    /// current caller: their token goes along, so the other service applies its own rules to them. Set a deadline on
    /// every call.
    /// </summary>
    public static IHttpClientBuilder AddOpenDayGrpcClient<TClient>(this IHostApplicationBuilder builder, string service)
        where TClient : class =>
        builder.Services.AddGrpcClient<TClient>(o => o.Address = new Uri($"http://_grpc.{service}"))
            .AddCallCredentials((context, metadata, services) =>
            {
                var authorization = services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Request.Headers.Authorization.ToString();
                if (!string.IsNullOrEmpty(authorization)) metadata.Add("Authorization", authorization);
                return Task.CompletedTask;
            })
            // Loopback inside the app host; TLS ends in front of the gateway.
            .ConfigureChannel(channel => channel.UnsafeUseInsecureChannelCallCredentials = true);
}
