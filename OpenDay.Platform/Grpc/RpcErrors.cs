using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace OpenDay.Platform.Grpc;

/// <summary>
/// Rich gRPC errors (<c>google.rpc.Status</c> with details), which JSON transcoding also turns into
/// HTTP error bodies (400, 403, 404, 409, 412 …) that carry the same details.
/// </summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(IEnumerable<BadRequest.Types.FieldViolation> violations) =>
        InvalidArgumentStatus(violations).ToRpcException();

    /// <summary>The status of a validation error, as gRPC and JSON callers both receive it.</summary>
    public static Status InvalidArgumentStatus(IEnumerable<BadRequest.Types.FieldViolation> violations)
    {
        var list = violations.ToList();
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(list);
        return new Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "Invalid " + string.Join(", ", list.Select(v => v.Field).Distinct()) + ": "
                      + string.Join(" ", list.Select(v => v.Description)),
            Details = { Any.Pack(badRequest) },
        };
    }

    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new BadRequest.Types.FieldViolation { Field = field, Description = description }]);

    /// <summary>Also what another tenant's record looks like: its existence is not revealed.</summary>
    public static RpcException NotFound(string resource, string name) => new Status
    {
        Code = (int)Code.NotFound,
        Message = $"{resource} '{name}' was not found.",
        Details = { Any.Pack(new ResourceInfo { ResourceType = resource, ResourceName = name }) },
    }.ToRpcException();

    /// <summary>A unique value taken already; the field is named like a validation error's.</summary>
    public static RpcException AlreadyExists(string resource, string name, string field, string description) => new Status
    {
        Code = (int)Code.AlreadyExists,
        Message = description,
        Details =
        {
            Any.Pack(new ResourceInfo { ResourceType = resource, ResourceName = name }),
            Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } } }),
        },
    }.ToRpcException();

    public static RpcException Unavailable(string message) =>
        new Status { Code = (int)Code.Unavailable, Message = message }.ToRpcException();

    public static RpcException PermissionDenied(string message) =>
        new Status { Code = (int)Code.PermissionDenied, Message = message }.ToRpcException();

    public static RpcException FailedPrecondition(string subject, string type, string description) => new Status
    {
        Code = (int)Code.FailedPrecondition,
        Message = description,
        Details =
        {
            Any.Pack(new PreconditionFailure
            {
                Violations = { new PreconditionFailure.Types.Violation { Subject = subject, Type = type, Description = description } },
            }),
        },
    }.ToRpcException();
}

/// <summary>Collects every field violation of a request, so the caller learns all of them at once.</summary>
public sealed class FieldViolations
{
    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public FieldViolations Check(bool valid, string field, string description)
    {
        if (!valid)
        {
            _violations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }
        return this;
    }

    public FieldViolations Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Check(false, field, $"{field} is required.");
        }
        return Check(value.Length <= maxLength, field, $"{field} must be at most {maxLength} characters.");
    }

    /// <summary>A record's id: a UUID. <paramref name="what"/> names the record for the message ("an event").</summary>
    public FieldViolations Id(string value, string field, string what, out Guid id) =>
        Check(Guid.TryParse(value, out id), field, $"{field} must be {what} id (a UUID).");

    /// <summary>The years a campaign can belong to; one rule for every service that takes a year.</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    /// <summary>A campaign year; 0 (none asked) passes when <paramref name="optional"/>.</summary>
    public FieldViolations Year(int year, string field = "year", bool optional = false) =>
        Check(optional && year == 0 || year is >= FirstYear and <= LastYear, field, $"{field} must be a campaign year ({FirstYear}–{LastYear}).");

    /// <summary>A date field in the <see cref="WireDate"/> form; an empty one is refused unless <paramref name="optional"/>.</summary>
    public FieldViolations Date(string value, string field, out DateOnly date, bool optional = false)
    {
        date = default;
        return optional && value.Length == 0
            ? this
            : Check(WireDate.TryParse(value, out date), field, $"{field} must be a date in the form {WireDate.Format}.");
    }

    /// <summary>The one id of a request that has no other field to check, or InvalidArgument naming the field.</summary>
    public static Guid ParseId(string value, string field, string what)
    {
        new FieldViolations().Id(value, field, what, out var id).ThrowIfAny();
        return id;
    }

    public bool IsValid => _violations.Count == 0;

    public void ThrowIfAny()
    {
        if (!IsValid)
        {
            throw RpcErrors.InvalidArgument(_violations);
        }
    }
}
