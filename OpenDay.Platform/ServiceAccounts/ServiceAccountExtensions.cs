using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace OpenDay.Platform.ServiceAccounts;

public static class ServiceAccountExtensions
{
    /// <summary>The service's own token from the identity provider, reached inside the app host as <c>identity</c>.</summary>
    public static IHostApplicationBuilder AddServiceAccountTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient(ServiceAccountTokens.HttpClientName, http => http.BaseAddress = new Uri("http://identity"));
        // One token for the whole process, however many clients ask.
        builder.Services.TryAddSingleton<ServiceAccountTokens>();
        return builder;
    }

    /// <summary>
    /// A client of another OpenDay service's gRPC endpoint that calls as this service (its service account), not for a
    /// user: for work with no user behind it, such as delivering an outbox. Set a deadline on every call.
    /// </summary>
    public static IHttpClientBuilder AddServiceAccountGrpcClient<TClient>(this IHostApplicationBuilder builder, string service)
        where TClient : class
    {
        builder.AddServiceAccountTokens();
        return builder.Services.AddGrpcClient<TClient>(o => o.Address = new Uri($"http://_grpc.{service}"))
            .AddCallCredentials(async (context, metadata, services) =>
                metadata.Add("Authorization", $"Bearer {await services.GetRequiredService<ServiceAccountTokens>().GetAsync(context.CancellationToken)}"))
            // Loopback inside the app host; TLS ends in front of the gateway.
            .ConfigureChannel(channel => channel.UnsafeUseInsecureChannelCallCredentials = true);
    }
}
