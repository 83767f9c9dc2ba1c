using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using OpenDay.Platform.Grpc;
using OpenDay.Registrations.V1;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>
/// A participant's code as a questionnaire answer knows it: a keyed hash (HMAC-SHA256 of the questionnaire and the
/// code, key <c>Questionnaires:CodeHashKey</c>), so one code answers once and nobody reading the database can tell
/// whose answer it is; and the registrations service's yes or no, asked as the assessment service's own account.
/// </summary>
public sealed class AnswerCodes(IConfiguration configuration, ParticipantCodes.ParticipantCodesClient registrations)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private readonly byte[] _key = configuration["Questionnaires:CodeHashKey"] is { Length: > 0 } key
        ? Convert.FromBase64String(key)
        : throw new InvalidOperationException("Questionnaires:CodeHashKey is not configured: the AppHost sets it (32 random bytes, base64).");

    public byte[] Hash(Guid questionnaireId, string code) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{questionnaireId:N}:{code}"));

    /// <summary>Whether the code is a confirmed or checked-in participant of the event; Unavailable when registrations cannot say.</summary>
    public async Task<bool> IsParticipantAsync(Guid eventId, string code, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await registrations.CheckParticipantCodeAsync(new CheckParticipantCodeRequest { EventId = eventId.ToString(), Code = code },
                deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
            return answer.Participant;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw RpcErrors.Unavailable("报名系统暂时无法确认参与编码，请稍后再试。The registrations service cannot confirm the code now; try again shortly.");
        }
    }
}
