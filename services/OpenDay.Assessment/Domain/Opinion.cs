using OpenDay.Assessment.V1;
using OpenDay.Platform.Data;
using OpenDay.Registrations.V1;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// An opinion or suggestion raised at an event, as logged in the ledger (工作台账, §五(四)). Owned by the unit that
/// recorded it, assigned to the unit that must answer it (often another one): both read it, only the assignee moves it
/// (<see cref="OpinionLifecycle"/>), and the recording unit or the county admin reassigns it once it is handed back.
/// </summary>
public class Opinion : ITenantOwned, IAssignedToUnit, ICountyReviewed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The recording unit.</summary>
    public string TenantId { get; set; } = "";
    /// <summary>The responsible unit (stored as <c>ResponsibleUnitCode</c>).</summary>
    public string AssignedTenantId { get; set; } = "";
    public Guid EventId { get; set; }
    /// <summary>The name the person gave; empty when they asked not to be named. Never an ID or a mobile number.</summary>
    public string RaisedBy { get; set; } = "";
    public ParticipantCategory RaisedByCategory { get; set; } = ParticipantCategory.PublicRepresentative;
    public required string Text { get; set; }
    public required string Topic { get; set; }
    public DateOnly RaisedOn { get; set; }
    public DateOnly DueDate { get; set; }
    public OpinionStatus Status { get; set; } = OpinionStatus.Received;
    /// <summary>Adopted, partly adopted or not adopted: kept once the opinion is answered, for the public.</summary>
    public OpinionStatus Outcome { get; set; } = OpinionStatus.Unspecified;
    public string Explanation { get; set; } = "";
    public string Answer { get; set; } = "";
    public DateOnly? AnsweredOn { get; set; }
    public string HandBackReason { get; set; } = "";
    /// <summary>Every move, oldest first (a JSON column: the history travels with the row, under the same visibility).</summary>
    public List<OpinionMove> History { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    /// <summary>PostgreSQL's row version: two moves of the same opinion at once, the second is refused (Aborted).</summary>
    public uint Version { get; set; }

    public string ResponsibleUnitCode => AssignedTenantId;

    public string RaisedByDisplay => RaisedByNames.Display(RaisedBy, RaisedByCategory);

    public void Record(Mover who)
    {
        History = [.. History, who.Move(OpinionStatus.Unspecified, OpinionStatus.Received, "", AssignedTenantId)];
    }

    /// <summary>A move of the lifecycle, already allowed by <see cref="OpinionLifecycle.MoveRefusal"/>.</summary>
    public void MoveTo(OpinionStatus to, string explanation, string answer, Mover who, DateOnly today)
    {
        var text = "";
        switch (to)
        {
            case OpinionStatus.Adopted or OpinionStatus.PartlyAdopted or OpinionStatus.NotAdopted:
                Outcome = to;
                Explanation = explanation;
                text = explanation;
                break;
            case OpinionStatus.Answered:
                Answer = answer;
                AnsweredOn = today;
                text = answer;
                break;
        }
        Append(to, text, who);
    }

    public void HandBack(string reason, Mover who)
    {
        HandBackReason = reason;
        Append(OpinionStatus.HandedBack, reason, who);
    }

    /// <summary>To another unit, which starts from the beginning.</summary>
    public void Reassign(string unitCode, string note, Mover who)
    {
        AssignedTenantId = unitCode;
        Outcome = OpinionStatus.Unspecified;
        Explanation = "";
        Append(OpinionStatus.Received, note, who);
    }

    private void Append(OpinionStatus to, string text, Mover who)
    {
        // A new list, not an added element: the JSON column is compared by value when saved.
        History = [.. History, who.Move(Status, to, text, AssignedTenantId)];
        Status = to;
    }
}

/// <summary>One move, as the history keeps it.</summary>
public sealed class OpinionMove
{
    public string MovedBy { get; set; } = "";
    public string MovedByUnitCode { get; set; } = "";
    public DateTimeOffset MovedAt { get; set; }
    public OpinionStatus From { get; set; }
    public OpinionStatus To { get; set; }
    public string Text { get; set; } = "";
    public string ResponsibleUnitCode { get; set; } = "";
}

/// <summary>Who makes a move, and when.</summary>
public sealed record Mover(string UserName, string UnitCode, DateTimeOffset At)
{
    public OpinionMove Move(OpinionStatus from, OpinionStatus to, string text, string responsibleUnitCode) => new()
    {
        MovedBy = UserName, MovedByUnitCode = UnitCode, MovedAt = At, From = from, To = to, Text = text,
        ResponsibleUnitCode = responsibleUnitCode,
    };
}

/// <summary>How the person who raised an opinion is named: the ledger and the public column show only this.</summary>
public static class RaisedByNames
{
    public static string CategoryName(ParticipantCategory category) => category switch
    {
        ParticipantCategory.NpcDeputy => "人大代表",
        ParticipantCategory.CppccMember => "政协委员",
        ParticipantCategory.MediaReporter => "媒体记者",
        ParticipantCategory.OtherInvitee => "其他受邀人员",
        _ => "群众代表",
    };

    /// <summary>"张三（群众代表）", or the category alone when the person asked not to be named.</summary>
    public static string Display(string name, ParticipantCategory category) =>
        string.IsNullOrWhiteSpace(name) ? CategoryName(category) : $"{name}（{CategoryName(category)}）";
}
