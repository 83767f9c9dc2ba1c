using Google.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Npgsql;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.Infrastructure;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Authentication;
using Questionnaire = OpenDay.Assessment.Domain.Questionnaire;
using QuestionnaireAnswer = OpenDay.Assessment.Domain.QuestionnaireAnswer;

namespace OpenDay.Assessment.Grpc;

/// <summary>Policy evaluation (政策评价, §六(二)): questionnaires, answers by code or from paper, results and exports.</summary>
public partial class AssessmentGrpcService
{
    private const int DefaultQuestionnairePage = 20;
    private const int MaxQuestionnairePage = 100;

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Questionnaire> CreateQuestionnaire(CreateQuestionnaireRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().Id(request.EventId, "event_id", "an event", out var eventId);
        QuestionnaireRules.CheckDefinition(violations, request.Title, request.Policy, request.Questions).ThrowIfAny();
        await eventOwnership.RequireOwnEventAsync(request.EventId, context.CancellationToken);
        var questionnaire = new Questionnaire
        {
            EventId = eventId,
            Title = request.Title.Trim(),
            PolicyName = request.Policy.Name.Trim(),
            PolicyIssuedBy = request.Policy.IssuedBy.Trim(),
            PolicyDescription = request.Policy.Description.Trim(),
            Questions = QuestionnaireRules.ToDefinitions(request.Questions),
        };
        db.Questionnaires.Add(questionnaire);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(questionnaire);
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Questionnaire> UpdateQuestionnaire(UpdateQuestionnaireRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().Id(request.Id, "id", "a questionnaire", out _);
        QuestionnaireRules.CheckDefinition(violations, request.Title, request.Policy, request.Questions).ThrowIfAny();
        var questionnaire = await FindOwnQuestionnaireAsync(request.Id, context.CancellationToken);
        if (QuestionnaireRules.EditRefusal(questionnaire.Status, questionnaire.AnswerCount) is { } refusal)
        {
            throw RpcErrors.FailedPrecondition(request.Id, questionnaire.AnswerCount > 0 ? "QUESTIONNAIRE_ANSWERED" : "QUESTIONNAIRE_CLOSED", refusal);
        }
        questionnaire.Title = request.Title.Trim();
        questionnaire.PolicyName = request.Policy.Name.Trim();
        questionnaire.PolicyIssuedBy = request.Policy.IssuedBy.Trim();
        questionnaire.PolicyDescription = request.Policy.Description.Trim();
        questionnaire.Questions = QuestionnaireRules.ToDefinitions(request.Questions);
        // Saved only if no answer came in since it was read (the row version): an answer raises AnswerCount.
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(questionnaire);
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<V1.Questionnaire> ChangeQuestionnaireStatus(ChangeQuestionnaireStatusRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.Id, "id", "a questionnaire", out _)
            .Check(request.Status is QuestionnaireStatus.Open or QuestionnaireStatus.Closed, "status", "status must be open or closed.")
            .ThrowIfAny();
        var questionnaire = await FindOwnQuestionnaireAsync(request.Id, context.CancellationToken);
        if (QuestionnaireRules.MoveRefusal(questionnaire.Status, request.Status) is { } refusal)
        {
            throw RpcErrors.FailedPrecondition(request.Id, "STATUS_" + questionnaire.Status.ToString().ToUpperInvariant(), refusal);
        }
        questionnaire.Status = request.Status;
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(questionnaire);
    }

    public override async Task<V1.Questionnaire> GetQuestionnaire(GetQuestionnaireRequest request, ServerCallContext context) =>
        ToMessage(await FindQuestionnaireAsync(request.Id, tracked: false, context.CancellationToken));

    public override async Task<ListQuestionnairesResponse> ListQuestionnaires(ListQuestionnairesRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Check(request.EventId.Length == 0 || Guid.TryParse(request.EventId, out _), "event_id", "event_id must be an event id (a UUID).");
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultQuestionnairePage, MaxQuestionnairePage, violations);
        violations.ThrowIfAny();
        var query = db.Questionnaires.AsNoTracking();
        if (request.EventId.Length > 0)
        {
            var eventId = Guid.Parse(request.EventId);
            query = query.Where(q => q.EventId == eventId);
        }
        var total = await query.CountAsync(context.CancellationToken);
        var page = await query.OrderByDescending(q => q.CreatedAt).ThenBy(q => q.Id).Skip(paging.Offset).Take(paging.Size).ToListAsync(context.CancellationToken);
        return new ListQuestionnairesResponse
        {
            Questionnaires = { page.Select(q => ToMessage(q)) },
            TotalSize = total,
            NextPageToken = paging.NextToken(page.Count, total),
        };
    }

    [Authorize(Roles = $"{Roles.UnitAdmin},{Roles.UnitStaff}")]
    public override async Task<QuestionnaireAnswerReceipt> EnterPaperAnswer(QuestionnaireAnswerRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.QuestionnaireId, "questionnaire_id", "a questionnaire", out _)
            .Check(request.Code.Length == 0, "code", "code is for a participant's own answer; a paper answer has none.")
            .ThrowIfAny();
        var questionnaire = await FindOwnQuestionnaireAsync(request.QuestionnaireId, context.CancellationToken);
        RefuseAnswer(questionnaire, byStaff: true);
        QuestionnaireRules.CheckAnswer(new FieldViolations(), questionnaire.Questions, request.Answers).ThrowIfAny();
        var answer = new QuestionnaireAnswer
        {
            QuestionnaireId = questionnaire.Id, EnteredByStaff = true, EnteredBy = caller.UserName ?? "", Items = QuestionnaireRules.ToItems(request.Answers),
            SubmittedAt = time.GetUtcNow(),
        };
        return await SaveAnswerAsync(questionnaire, answer, context.CancellationToken);
    }

    public override async Task<QuestionnaireResults> GetQuestionnaireResults(GetQuestionnaireRequest request, ServerCallContext context)
    {
        var (questionnaire, answers) = await QuestionnaireWithAnswersAsync(request.Id, "id", context.CancellationToken);
        return await ResultsAsync(questionnaire, answers, context.CancellationToken);
    }

    public override async Task<HttpBody> ExportQuestionnaireResults(ExportQuestionnaireResultsRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.Id, "id", "a questionnaire", out _)
            .Check(System.Enum.IsDefined(request.Format), "format", "format must be CSV or XLSX.")
            .ThrowIfAny();
        var (questionnaire, answers) = await QuestionnaireWithAnswersAsync(request.Id, "id", context.CancellationToken);
        var results = await ResultsAsync(questionnaire, answers, context.CancellationToken);
        var xlsx = request.Format == ExportFormat.Xlsx;
        context.GetHttpContext().Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"政策评价-{questionnaire.Title}-{Today.ToWire()}.{(xlsx ? "xlsx" : "csv")}",
        }.ToString();
        return xlsx
            ? new HttpBody { ContentType = LedgerExport.XlsxContentType, Data = ByteString.CopyFrom(QuestionnaireExport.ToXlsx(questionnaire, answers, results)) }
            : new HttpBody { ContentType = LedgerExport.CsvContentType, Data = ByteString.CopyFrom(QuestionnaireExport.ToCsv(results)) };
    }

    [AllowAnonymous]
    public override async Task<V1.Questionnaire> GetPublicQuestionnaire(GetQuestionnaireRequest request, ServerCallContext context)
    {
        var questionnaire = await FindOpenQuestionnaireAsync(request.Id, "id", context.CancellationToken);
        var message = ToMessage(questionnaire);
        message.AnswerCount = 0; // how many answered is the unit's business
        return message;
    }

    [AllowAnonymous]
    public override async Task<QuestionnaireAnswerReceipt> SubmitQuestionnaireAnswer(QuestionnaireAnswerRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        new FieldViolations()
            .Id(request.QuestionnaireId, "questionnaire_id", "a questionnaire", out _)
            .Check(IsWellFormedCode(request.Code), "code", "code must be the 32-character registration or invitation code you were given.")
            .ThrowIfAny();
        var questionnaire = await FindOpenQuestionnaireAsync(request.QuestionnaireId, "questionnaire_id", ct);
        RefuseAnswer(questionnaire, byStaff: false);
        QuestionnaireRules.CheckAnswer(new FieldViolations(), questionnaire.Questions, request.Answers).ThrowIfAny();

        var hash = answerCodes.Hash(questionnaire.Id, request.Code);
        if (await db.QuestionnaireAnswers.AnyAsync(a => a.QuestionnaireId == questionnaire.Id && a.CodeHash == hash, ct)) throw AnsweredAlready();
        if (!await answerCodes.IsParticipantAsync(questionnaire.EventId, request.Code, ct))
        {
            throw RpcErrors.FailedPrecondition("code", "NOT_A_PARTICIPANT",
                "该编码不是本次活动已确认或已签到的参与人员，不能填写问卷。The code is not a confirmed or checked-in participant of this event.");
        }
        var answer = new QuestionnaireAnswer
        {
            QuestionnaireId = questionnaire.Id, CodeHash = hash, Items = QuestionnaireRules.ToItems(request.Answers), SubmittedAt = time.GetUtcNow(),
        };
        return await SaveAnswerAsync(questionnaire, answer, ct);
    }

    private static bool IsWellFormedCode(string code) =>
        code is { Length: 32 } && code.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static RpcException AnsweredAlready() => RpcErrors.AlreadyExists("answer", "code", "code",
        "该编码已填写过本问卷，每个编码只能填写一次。This code has answered this questionnaire already; a code answers once.");

    private static void RefuseAnswer(Questionnaire questionnaire, bool byStaff)
    {
        if (QuestionnaireRules.AnswerRefusal(questionnaire.Status, byStaff) is { } refusal)
        {
            throw RpcErrors.FailedPrecondition(questionnaire.Id.ToString(), "STATUS_" + questionnaire.Status.ToString().ToUpperInvariant(), refusal);
        }
    }

    /// <summary>The answer and the questionnaire's count in one transaction: an edit of the questions that read the old count loses.</summary>
    private async Task<QuestionnaireAnswerReceipt> SaveAnswerAsync(Questionnaire questionnaire, QuestionnaireAnswer answer, CancellationToken ct)
    {
        db.QuestionnaireAnswers.Add(answer);
        questionnaire.AnswerCount++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw AnsweredAlready();
        }
        return new QuestionnaireAnswerReceipt
        {
            Id = answer.Id.ToString(), QuestionnaireId = questionnaire.Id.ToString(), SubmittedAt = Timestamp.FromDateTimeOffset(answer.SubmittedAt),
            EnteredByStaff = answer.EnteredByStaff,
        };
    }

    private async Task<QuestionnaireResults> ResultsAsync(Questionnaire questionnaire, List<QuestionnaireAnswer> answers, CancellationToken ct)
    {
        var attendance = await AttendanceAsync(questionnaire.EventId.ToString(), ct);
        return new QuestionnaireResults
        {
            QuestionnaireId = questionnaire.Id.ToString(),
            Title = questionnaire.Title,
            Answers = answers.Count,
            AnswersByCode = answers.Count(a => !a.EnteredByStaff),
            AnswersByStaff = answers.Count(a => a.EnteredByStaff),
            ConfirmedParticipants = attendance.Confirmed,
            Questions = { QuestionnaireTally.Tally(questionnaire.Questions, answers) },
        };
    }

    private async Task<(Questionnaire, List<QuestionnaireAnswer>)> QuestionnaireWithAnswersAsync(string id, string field, CancellationToken ct)
    {
        var questionnaire = await FindQuestionnaireAsync(id, tracked: false, ct, field);
        var answers = await db.QuestionnaireAnswers.AsNoTracking().Where(a => a.QuestionnaireId == questionnaire.Id)
            .OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).ToListAsync(ct);
        return (questionnaire, answers);
    }

    /// <summary>The questionnaire if the caller may read it (its unit, supervisors, county); NotFound otherwise.</summary>
    private async Task<Questionnaire> FindQuestionnaireAsync(string value, bool tracked, CancellationToken ct, string field = "id")
    {
        var id = FieldViolations.ParseId(value, field, "a questionnaire");
        var query = tracked ? db.Questionnaires : db.Questionnaires.AsNoTracking();
        return await query.SingleOrDefaultAsync(q => q.Id == id, ct) ?? throw RpcErrors.NotFound("questionnaire", value);
    }

    /// <summary>The caller's own questionnaire, to change; a supervisor's or another unit's is NotFound (supervisors only read).</summary>
    private async Task<Questionnaire> FindOwnQuestionnaireAsync(string value, CancellationToken ct)
    {
        var questionnaire = await FindQuestionnaireAsync(value, tracked: true, ct);
        return questionnaire.TenantId == caller.TenantId ? questionnaire : throw RpcErrors.NotFound("questionnaire", value);
    }

    /// <summary>An open questionnaire for an anonymous caller: the request acts for its unit from here on.</summary>
    private async Task<Questionnaire> FindOpenQuestionnaireAsync(string value, string field, CancellationToken ct)
    {
        var id = FieldViolations.ParseId(value, field, "a questionnaire");
        var tenant = await db.FindOpenQuestionnaireTenantAsync(id, ct) ?? throw RpcErrors.NotFound("questionnaire", value);
        caller.ActFor(tenant);
        return await db.Questionnaires.SingleOrDefaultAsync(q => q.Id == id && q.Status == QuestionnaireStatus.Open, ct)
               ?? throw RpcErrors.NotFound("questionnaire", value);
    }

    private static V1.Questionnaire ToMessage(Questionnaire q) => new()
    {
        Id = q.Id.ToString(),
        EventId = q.EventId.ToString(),
        UnitCode = q.TenantId,
        Title = q.Title,
        Policy = new EvaluatedPolicy { Name = q.PolicyName, IssuedBy = q.PolicyIssuedBy, Description = q.PolicyDescription },
        Questions =
        {
            q.Questions.Select(d => new Question { Text = d.Text, Kind = d.Kind, Required = d.Required, Options = { d.Options }, MaxChoices = d.MaxChoices }),
        },
        Status = q.Status,
        AnswerCount = q.AnswerCount,
        CreatedAt = Timestamp.FromDateTimeOffset(q.CreatedAt),
    };
}
