using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An OTLP/HTTP receiver in the test process: every service exports its traces, logs and metrics here, as it would
/// to the Aspire dashboard, and tests search what arrived (protobuf keeps strings as UTF-8, so a byte search finds them).
/// </summary>
public sealed class TelemetryCollector : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private WebApplication? _app;

    public string Endpoint { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _exports.Enqueue((signal, body.ToArray()));
            return Results.Bytes([], "application/x-protobuf"); // an empty Export*ServiceResponse: all accepted
        });
        await _app.StartAsync();
        Endpoint = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
    }

    /// <summary>How many exports of a signal ("traces", "logs", "metrics") have arrived.</summary>
    public int Count(string signal) => _exports.Count(e => e.Signal == signal);

    public bool Contains(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return _exports.Any(e => e.Body.AsSpan().IndexOf(needle) >= 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
