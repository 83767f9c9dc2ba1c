using OpenDay.Assessment.V1;
using OpenDay.Platform.Data;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// A policy evaluation (政策评价, §六(二)): the unit's questionnaire on one of its events, about one policy. Its
/// questions are kept whole in one JSON column, in order; they are frozen once the first answer exists
/// (<see cref="QuestionnaireRules.EditRefusal"/>), which <see cref="AnswerCount"/> and the row version enforce together.
/// </summary>
public class Questionnaire : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public Guid EventId { get; set; }
    public required string Title { get; set; }
    public required string PolicyName { get; set; }
    public required string PolicyIssuedBy { get; set; }
    public string PolicyDescription { get; set; } = "";
    public List<QuestionDefinition> Questions { get; set; } = [];
    public QuestionnaireStatus Status { get; set; } = QuestionnaireStatus.Draft;
    /// <summary>Raised with every answer in the same transaction: an edit racing the first answer loses on the row version.</summary>
    public int AnswerCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint Version { get; set; }
}

/// <summary>One question as stored.</summary>
public sealed class QuestionDefinition
{
    public string Text { get; set; } = "";
    public QuestionKind Kind { get; set; }
    public bool Required { get; set; }
    public List<string> Options { get; set; } = [];
    public int MaxChoices { get; set; }
}

/// <summary>
/// One filled-in questionnaire: by a participant's code (kept only as a keyed hash, unique per questionnaire, so one
/// code answers once and the answer stays anonymous) or entered by staff from paper.
/// </summary>
public class QuestionnaireAnswer : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string TenantId { get; set; } = "";
    public Guid QuestionnaireId { get; set; }
    /// <summary>HMAC of the questionnaire and the code; null for a paper answer.</summary>
    public byte[]? CodeHash { get; set; }
    public bool EnteredByStaff { get; set; }
    /// <summary>The staff member who entered a paper answer; empty for a participant's.</summary>
    public string EnteredBy { get; set; } = "";
    public List<AnswerItem> Items { get; set; } = [];
    public DateTimeOffset SubmittedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The answer to one question (numbers are 1-based, as the people answering see them).</summary>
public sealed class AnswerItem
{
    public int Question { get; set; }
    public List<int> Choices { get; set; } = [];
    public int? Rating { get; set; }
    public string Text { get; set; } = "";
}
