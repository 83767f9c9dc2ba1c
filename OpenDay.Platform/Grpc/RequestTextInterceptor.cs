using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace OpenDay.Platform.Grpc;

/// <summary>
/// Before any handler runs, refuses text that PostgreSQL cannot store or that no person sends — a NUL character, an
/// unpaired surrogate, a string longer than <see cref="RequestText.MaxLength"/> — in any string field of the request,
/// however deeply nested, each named by its field path (<c>days[2].name</c>). Handlers keep their own, tighter limits.
/// </summary>
public sealed class RequestTextInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        RequestText.ThrowIfUnstorable(request as IMessage);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        RequestText.ThrowIfUnstorable(request as IMessage);
        return continuation(request, responseStream, context);
    }
}

public static class RequestText
{
    /// <summary>Longer than any text field of the contracts allows (the longest, a plan, allows 8,000).</summary>
    public const int MaxLength = 20_000;

    public static void ThrowIfUnstorable(IMessage? message)
    {
        if (message is null) return;
        var violations = new FieldViolations();
        Walk(message, "", violations);
        violations.ThrowIfAny();
    }

    /// <summary>Why a string cannot be accepted; null when it can.</summary>
    public static string? Problem(string value)
    {
        if (value.Length > MaxLength) return $"is {value.Length} characters long; at most {MaxLength} are accepted.";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return "contains a NUL character (U+0000), which cannot be stored.";
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++; // a whole emoji or rare character: fine
            }
            else if (char.IsSurrogate(c))
            {
                return "contains half of a surrogate pair (not valid Unicode text).";
            }
        }
        return null;
    }

    private static void Walk(IMessage message, string prefix, FieldViolations violations)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    Check($"{path}[{entry.Key}]", entry.Key, violations);
                    Check($"{path}[{entry.Key}]", entry.Value, violations);
                }
            }
            else if (field.IsRepeated)
            {
                var i = 0;
                foreach (var item in (IList)value) Check($"{path}[{i++}]", item, violations);
            }
            else
            {
                Check(path, value, violations);
            }
        }
    }

    private static void Check(string path, object? value, FieldViolations violations)
    {
        switch (value)
        {
            case string text when Problem(text) is { } problem:
                violations.Check(false, path, $"{path} {problem}");
                break;
            case IMessage nested:
                Walk(nested, path + ".", violations);
                break;
        }
    }
}
