using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using OpenDay.Audit.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Platform.Tests;

/// <summary>What no input may do: reach the database with text it cannot store, or reach a caller as an exception's text.</summary>
public class HostileInputRulesTests
{
    [Theory]
    [InlineData("普通文字 🎉", null)]
    [InlineData("", null)]
    [InlineData("a\u0000b", "NUL")]
    public void Text_the_database_cannot_store_is_named(string value, string? problem)
    {
        if (problem is null) Assert.Null(RequestText.Problem(value));
        else Assert.Contains(problem, RequestText.Problem(value));
    }

    [Fact]
    public void Half_a_surrogate_pair_is_named()
    {
        // Built here, not in theory data, which cannot carry unpaired surrogates through test discovery.
        Assert.Contains("surrogate", RequestText.Problem(new string([(char)0xD800])));
        Assert.Contains("surrogate", RequestText.Problem(new string(['x', (char)0xDC00, 'y'])));
        Assert.Contains("surrogate", RequestText.Problem(new string(['x', (char)0xD83C])));
        Assert.Null(RequestText.Problem("🎉"));
    }

    [Fact]
    public void Over_long_text_is_refused_with_its_length()
    {
        Assert.Null(RequestText.Problem(new string('长', RequestText.MaxLength)));
        Assert.Contains("20001", RequestText.Problem(new string('长', RequestText.MaxLength + 1)));
    }

    [Fact]
    public void Every_string_of_a_request_is_walked_and_named_by_its_path()
    {
        var error = Assert.Throws<RpcException>(() => RequestText.ThrowIfUnstorable(new ListAuditEntriesRequest { UnitCode = "a\u0000", PageToken = new string([(char)0xD800]) }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field);
        Assert.Equal(["unit_code", "page_token"], fields);
    }

    [Theory]
    [InlineData("""{"unitCode": "gaoqiao-town", "pageSize": 20, "from": "2026-10-01T00:00:00Z"}""", "")]
    [InlineData("""{"unitCode": 7}""", "unit_code")]
    [InlineData("""{"pageSize": 3000000000}""", "page_size")]
    [InlineData("""{"pageSize": 1.5}""", "page_size")]
    [InlineData("""{"from": "yesterday"}""", "from")]
    [InlineData("""{"from": {"seconds": "x"}}""", "from")]
    [InlineData("""{"nonsense": 1}""", "nonsense")]
    [InlineData("""{"unitCode": "x\ud800y"}""", "unit_code")]
    [InlineData("""{"unitCode": """, "body")]
    [InlineData("", "body")]
    public async Task A_json_body_is_read_against_the_request_message(string json, string field)
    {
        var violations = await RestInputCheck.CheckAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), ListAuditEntriesRequest.Descriptor, "*", default);
        Assert.Equal(field, string.Join(",", violations.Select(v => v.Field)));
    }

    [Fact]
    public async Task An_unexpected_exception_reaches_the_caller_as_a_generic_message_with_the_correlation_id()
    {
        var interceptor = new UnexpectedErrorInterceptor(NullLogger<UnexpectedErrorInterceptor>.Instance);
        var context = new FakeCallContext(new Metadata { { "x-correlation-id", "abc123" } });
        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<ListAuditEntriesRequest, ListAuditEntriesResponse>(
            new ListAuditEntriesRequest(), context, (_, _) => throw new InvalidOperationException("relation \"secret_table\" does not exist")));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("abc123", error.Status.Detail);
        Assert.DoesNotContain("secret_table", error.Status.Detail);
        Assert.DoesNotContain("Exception", error.Status.Detail);

        // What a handler meant to say passes through untouched.
        var meant = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<ListAuditEntriesRequest, ListAuditEntriesResponse>(
            new ListAuditEntriesRequest(), context, (_, _) => throw RpcErrors.NotFound("event", "x")));
        Assert.Equal(StatusCode.NotFound, meant.StatusCode);
    }

    private sealed class FakeCallContext(Metadata headers) : ServerCallContext
    {
        protected override string MethodCore => "/openday.test.v1.Test/Call";
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore => headers;
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);
        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
