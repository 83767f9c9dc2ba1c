using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Enum = System.Enum;

namespace OpenDay.Platform.Grpc;

/// <summary>
/// Reads a REST request — its route values, query parameters and JSON body — against the request message of the RPC
/// it is transcoded to, before JSON transcoding does: input it cannot read (not JSON, an unknown field, a number where
/// text belongs, an unknown enum name, a malformed time, a number too large) is refused with the same
/// <c>google.rpc.Status</c> body as every validation error, naming each field. Transcoding's own answer names none
/// ("Request JSON payload is not correctly formatted").
/// </summary>
public static class RestInputCheck
{
    public static IApplicationBuilder UseRestInputCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var rule = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (rule is null)
        {
            await next(context);
            return;
        }
        var input = rule.MethodDescriptor.InputType;
        var violations = CheckParameters(context.Request, input);
        if (rule.HttpRule.Body.Length > 0)
        {
            context.Request.EnableBuffering();
            violations.AddRange(await CheckAsync(context.Request.Body, input, rule.HttpRule.Body, context.RequestAborted));
            context.Request.Body.Position = 0;
        }
        if (violations.Count == 0)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(StatusJson.Format(RpcErrors.InvalidArgumentStatus(violations)), context.RequestAborted);
    });

    private static readonly JsonFormatter StatusJson = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(BadRequest.Descriptor)));

    /// <summary>Route values and query parameters that name a field of the request, read as that field's type.</summary>
    private static List<BadRequest.Types.FieldViolation> CheckParameters(Microsoft.AspNetCore.Http.HttpRequest request, MessageDescriptor input)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        var parameters = request.RouteValues.Select(r => (r.Key, Values: (IEnumerable<string?>)[r.Value?.ToString()]))
            .Concat(request.Query.Select(q => (q.Key, Values: (IEnumerable<string?>)q.Value)));
        foreach (var (name, values) in parameters)
        {
            if (FieldAt(input, name) is not ({ } field, var path)) continue; // not a field: transcoding ignores it too
            foreach (var value in values)
            {
                using var json = JsonDocument.Parse(AsJson(field, value ?? ""));
                CheckSingle(json.RootElement, field, path, violations);
            }
        }
        return violations;
    }

    /// <summary>
    /// The field a parameter names (<c>pageSize</c>, <c>page_size</c> or a nested <c>filter.unitCode</c>) and its path in
    /// proto names (<c>filter.unit_code</c>), as violations name fields.
    /// </summary>
    private static (FieldDescriptor? Field, string Path) FieldAt(MessageDescriptor message, string parameter)
    {
        FieldDescriptor? field = null;
        var path = new List<string>();
        foreach (var part in parameter.Split('.'))
        {
            field = message?.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == part || f.Name == part);
            if (field is null) return (null, "");
            path.Add(field.Name);
            message = field.FieldType == FieldType.Message ? field.MessageType : null!;
        }
        return (field, string.Join(".", path));
    }

    /// <summary>A parameter's text as the JSON value it stands for, so one set of checks serves bodies and parameters.</summary>
    private static string AsJson(FieldDescriptor field, string value) =>
        field.FieldType == FieldType.Bool && value is "true" or "false" ? value : JsonSerializer.Serialize(value);

    /// <summary>Every field of the body that cannot be read, by its path in the request (<c>days[0].kind</c>).</summary>
    public static async Task<List<BadRequest.Types.FieldViolation>> CheckAsync(Stream body, MessageDescriptor request, string bodyField,
        CancellationToken cancellationToken)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        var field = bodyField == "*" ? null : request.FindFieldByName(bodyField);
        var (prefix, name) = field is null ? ("", "body") : (field.Name + ".", field.Name);
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            if (field is null) CheckMessage(document.RootElement, request, prefix, violations);
            else CheckValue(document.RootElement, field, field.Name, violations);
        }
        catch (JsonException e)
        {
            violations.Add(Violation(name,
                $"The request body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}). 请求内容不是有效的 JSON。"));
        }
        return violations;
    }

    private static void CheckMessage(JsonElement json, MessageDescriptor message, string prefix, List<BadRequest.Types.FieldViolation> violations)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            violations.Add(Violation(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), $"{Describe(prefix)} must be a JSON object."));
            return;
        }
        foreach (var property in json.EnumerateObject())
        {
            var field = message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name || f.Name == property.Name);
            if (field is null)
            {
                violations.Add(Violation(prefix + property.Name, $"{prefix}{property.Name} is not a field of this request."));
                continue;
            }
            CheckValue(property.Value, field, prefix + field.Name, violations);
        }
    }

    private static void CheckValue(JsonElement json, FieldDescriptor field, string path, List<BadRequest.Types.FieldViolation> violations)
    {
        if (json.ValueKind == JsonValueKind.Null) return; // the field's default
        if (field.IsMap)
        {
            if (json.ValueKind != JsonValueKind.Object) violations.Add(Violation(path, $"{path} must be a JSON object."));
            else foreach (var entry in json.EnumerateObject()) CheckSingle(entry.Value, field.MessageType.FindFieldByNumber(2), $"{path}[{entry.Name}]", violations);
            return;
        }
        if (field.IsRepeated)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                violations.Add(Violation(path, $"{path} must be a JSON array."));
                return;
            }
            var i = 0;
            foreach (var item in json.EnumerateArray()) CheckSingle(item, field, $"{path}[{i++}]", violations);
            return;
        }
        CheckSingle(json, field, path, violations);
    }

    private static void CheckSingle(JsonElement json, FieldDescriptor field, string path, List<BadRequest.Types.FieldViolation> violations)
    {
        var problem = field.FieldType switch
        {
            FieldType.String => json.ValueKind != JsonValueKind.String ? "must be text (a JSON string)"
                : IsText(json) ? null : "contains half of a surrogate pair (not valid Unicode text)",
            FieldType.Bool => json.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false",
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Integer(json, int.MinValue, int.MaxValue),
            FieldType.UInt32 or FieldType.Fixed32 => Integer(json, 0, uint.MaxValue),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Integer(json, long.MinValue, long.MaxValue),
            FieldType.UInt64 or FieldType.Fixed64 => Integer(json, 0, ulong.MaxValue),
            FieldType.Double or FieldType.Float => json.ValueKind == JsonValueKind.Number ||
                (json.ValueKind == JsonValueKind.String && double.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    ? null : "must be a number",
            FieldType.Bytes => json.ValueKind == JsonValueKind.String && IsBase64(json.GetString()!) ? null : "must be base64 text",
            FieldType.Enum => EnumProblem(json, field.EnumType),
            FieldType.Message => null,
            _ => null,
        };
        if (problem is not null)
        {
            violations.Add(Violation(path, $"{path} {problem}."));
        }
        else if (field.FieldType == FieldType.Message && json.ValueKind != JsonValueKind.Null)
        {
            CheckNestedMessage(json, field.MessageType, path, violations);
        }
    }

    private static void CheckNestedMessage(JsonElement json, MessageDescriptor message, string path, List<BadRequest.Types.FieldViolation> violations)
    {
        // Well-known types have their own JSON forms (a time is an RFC 3339 string, a wrapper its bare value…).
        if (message.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal))
        {
            try
            {
                JsonParser.Default.Parse(json.GetRawText(), message);
            }
            catch (Exception e) when (e is InvalidProtocolBufferException or FormatException or InvalidJsonException)
            {
                var expected = message.FullName == Timestamp.Descriptor.FullName
                    ? "a time such as 2026-10-09T06:30:00Z (RFC 3339)"
                    : $"a valid {message.Name}";
                violations.Add(Violation(path, $"{path} must be {expected}."));
            }
            return;
        }
        CheckMessage(json, message, path + ".", violations);
    }

    /// <summary>A JSON string whose escapes make real text (<c>"\ud800"</c> alone does not).</summary>
    private static bool IsText(JsonElement json)
    {
        try
        {
            json.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string? Integer(JsonElement json, decimal min, decimal max)
    {
        var ok = json.ValueKind switch
        {
            JsonValueKind.Number => json.TryGetDecimal(out var n) && n == decimal.Truncate(n) && n >= min && n <= max,
            JsonValueKind.String => decimal.TryParse(json.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max,
            _ => false,
        };
        return ok ? null : $"must be a whole number between {min} and {max}";
    }

    private static string? EnumProblem(JsonElement json, EnumDescriptor type) => json.ValueKind switch
    {
        JsonValueKind.String when type.FindValueByName(json.GetString()!) is not null => null,
        JsonValueKind.Number when json.TryGetInt32(out _) => null,
        _ => $"must be one of {string.Join(", ", type.Values.Select(v => v.Name))}",
    };

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _) ||
               Convert.TryFromBase64String(value.Replace('-', '+').Replace('_', '/'), buffer, out _);
    }

    private static string Describe(string prefix) => prefix.Length == 0 ? "The request body" : prefix.TrimEnd('.');

    private static BadRequest.Types.FieldViolation Violation(string field, string description) => new() { Field = field, Description = description };
}
