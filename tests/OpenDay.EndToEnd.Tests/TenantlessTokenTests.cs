using Google.Protobuf.Reflection;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// A validly signed token that names no unit (a person not assigned to any) is refused by every RPC that is not
/// public, on every service on its own: no answer, not even an empty one. Read from the contracts, so a new RPC is
/// covered without a line here.
/// </summary>
[Collection(StackCollection.Name)]
public class TenantlessTokenTests(OpenDayStack stack)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    [Fact]
    public async Task Every_non_public_rpc_refuses_a_token_without_a_tenant()
    {
        var tenantless = await stack.ForgeAsync(new ForgedToken { Username = "drifter", Subject = "drifter", Tenant = null, Roles = ["unit-admin"] });
        var answered = new List<string>();
        var checkedRpcs = 0;
        foreach (var rpc in Contracts.AllRpcs)
        {
            var service = rpc.Service.File.Package.Split('.')[1]; // openday.<service>.v1
            // Public RPCs answer anonymous callers; they are not this test's business.
            if (await StatusAsync(service, rpc, token: null) != StatusCode.Unauthenticated) continue;
            checkedRpcs++;
            var status = await StatusAsync(service, rpc, tenantless);
            if (status is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied)) answered.Add($"{rpc.FullName}: {status}");
        }
        Assert.True(checkedRpcs > 20, $"only {checkedRpcs} RPCs were checked"); // the contracts were read
        Assert.True(answered.Count == 0, "answered a token without a tenant:\n" + string.Join("\n", answered));
    }

    private async Task<StatusCode> StatusAsync(string service, MethodDescriptor rpc, string? token)
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, rpc.Service.FullName, rpc.Name, Bytes, Bytes);
        try
        {
            // An empty request: the refusal must come before the request is even read.
            await stack.GrpcChannel(service).CreateCallInvoker().AsyncUnaryCall(method, null, OpenDayStack.Call(token, seconds: 10), []);
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
