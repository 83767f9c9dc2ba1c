using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Registrations.V1;
using Opinion = OpenDay.Assessment.Domain.Opinion;

namespace OpenDay.Assessment.Tests;

/// <summary>The ledger's lifecycle (§五(四)): received → in progress → adopted / partly / not adopted → answered.</summary>
public class OpinionLifecycleTests
{
    [Theory]
    [InlineData(OpinionStatus.Received, OpinionStatus.InProgress)]
    [InlineData(OpinionStatus.InProgress, OpinionStatus.Adopted)]
    [InlineData(OpinionStatus.InProgress, OpinionStatus.PartlyAdopted)]
    [InlineData(OpinionStatus.InProgress, OpinionStatus.NotAdopted)]
    [InlineData(OpinionStatus.Adopted, OpinionStatus.Answered)]
    [InlineData(OpinionStatus.PartlyAdopted, OpinionStatus.Answered)]
    [InlineData(OpinionStatus.NotAdopted, OpinionStatus.Answered)]
    public void The_lifecycle_moves_forward(OpinionStatus from, OpinionStatus to) => Assert.Null(OpinionLifecycle.MoveRefusal(from, to));

    [Theory]
    [InlineData(OpinionStatus.Received, OpinionStatus.Answered, "received")]      // no answer without a decision
    [InlineData(OpinionStatus.Received, OpinionStatus.Adopted, "received")]       // nor a decision before it is worked on
    [InlineData(OpinionStatus.InProgress, OpinionStatus.Answered, "in progress")]
    [InlineData(OpinionStatus.Adopted, OpinionStatus.NotAdopted, "adopted")]
    [InlineData(OpinionStatus.Answered, OpinionStatus.InProgress, "answered")]    // answered is final
    [InlineData(OpinionStatus.HandedBack, OpinionStatus.InProgress, "handed back")] // reassigned first
    public void Other_moves_are_refused_naming_the_current_status(OpinionStatus from, OpinionStatus to, string currentInWords)
    {
        var refusal = OpinionLifecycle.MoveRefusal(from, to);
        Assert.NotNull(refusal);
        Assert.Contains(currentInWords, refusal);
    }

    [Theory]
    [InlineData(OpinionStatus.Received, true)]
    [InlineData(OpinionStatus.InProgress, true)]
    [InlineData(OpinionStatus.Adopted, false)]
    [InlineData(OpinionStatus.Answered, false)]
    [InlineData(OpinionStatus.HandedBack, false)]
    public void Only_an_open_opinion_can_be_handed_back(OpinionStatus from, bool allowed) =>
        Assert.Equal(allowed, OpinionLifecycle.HandBackRefusal(from) is null);

    [Theory]
    [InlineData(OpinionStatus.HandedBack, true)]
    [InlineData(OpinionStatus.Received, false)]
    [InlineData(OpinionStatus.InProgress, false)]
    [InlineData(OpinionStatus.Answered, false)]
    public void Only_a_handed_back_opinion_can_be_reassigned(OpinionStatus from, bool allowed) =>
        Assert.Equal(allowed, OpinionLifecycle.ReassignRefusal(from) is null);

    [Theory]
    [InlineData(OpinionStatus.PartlyAdopted, "", "", "explanation")]
    [InlineData(OpinionStatus.NotAdopted, "  ", "", "explanation")]
    [InlineData(OpinionStatus.Answered, "", "", "answer")]
    [InlineData(OpinionStatus.Answered, "", " ", "answer")]
    public void A_decision_needs_its_explanation_and_an_answer_its_text(OpinionStatus to, string explanation, string answer, string field)
    {
        var violations = OpinionLifecycle.CheckTexts(new FieldViolations(), to, explanation, answer);
        var error = Assert.Throws<global::Grpc.Core.RpcException>(violations.ThrowIfAny);
        Assert.Contains(field, error.Status.Detail);
    }

    [Theory]
    [InlineData(OpinionStatus.Adopted, "", "")]
    [InlineData(OpinionStatus.NotAdopted, "不属于本级事权", "")]
    [InlineData(OpinionStatus.Answered, "", "已安排维修")]
    [InlineData(OpinionStatus.InProgress, "", "")]
    public void Complete_moves_pass(OpinionStatus to, string explanation, string answer) =>
        Assert.True(OpinionLifecycle.CheckTexts(new FieldViolations(), to, explanation, answer).IsValid);

    [Fact]
    public void Every_move_is_kept_with_who_when_from_to_and_text()
    {
        var at = new DateTimeOffset(2026, 10, 20, 2, 0, 0, TimeSpan.Zero);
        var opinion = new Opinion { TenantId = "gaoqiao-town", AssignedTenantId = "housing-bureau", Text = "老旧小区加装电梯", Topic = "住房" };
        opinion.Record(new Mover("gaoqiao.admin", "gaoqiao-town", at));
        var bureau = new Mover("housing.admin", "housing-bureau", at.AddDays(1));
        opinion.MoveTo(OpinionStatus.InProgress, "", "", bureau, new DateOnly(2026, 10, 21));
        opinion.MoveTo(OpinionStatus.PartlyAdopted, "资金分年度安排", "", bureau, new DateOnly(2026, 10, 21));
        opinion.MoveTo(OpinionStatus.Answered, "", "已列入2027年改造计划", bureau, new DateOnly(2026, 10, 22));

        Assert.Equal(
            [(OpinionStatus.Unspecified, OpinionStatus.Received), (OpinionStatus.Received, OpinionStatus.InProgress),
             (OpinionStatus.InProgress, OpinionStatus.PartlyAdopted), (OpinionStatus.PartlyAdopted, OpinionStatus.Answered)],
            opinion.History.Select(m => (m.From, m.To)));
        Assert.Equal("资金分年度安排", opinion.History[2].Text);
        Assert.Equal("housing.admin", opinion.History[3].MovedBy);
        Assert.Equal(OpinionStatus.PartlyAdopted, opinion.Outcome); // the decision stays visible once answered
        Assert.Equal(new DateOnly(2026, 10, 22), opinion.AnsweredOn);
    }

    [Fact]
    public void A_reassigned_opinion_starts_again_at_the_new_unit()
    {
        var at = DateTimeOffset.UtcNow;
        var opinion = new Opinion { TenantId = "gaoqiao-town", AssignedTenantId = "water-supply-co", Text = "道路破损", Topic = "交通" };
        opinion.Record(new Mover("gaoqiao.admin", "gaoqiao-town", at));
        opinion.HandBack("不属于本单位职责", new Mover("watersupply.admin", "water-supply-co", at));
        opinion.Reassign("housing-bureau", "改由住建局办理", new Mover("county.admin", "county-office", at));

        Assert.Equal(OpinionStatus.Received, opinion.Status);
        Assert.Equal("housing-bureau", opinion.AssignedTenantId);
        Assert.Equal((OpinionStatus.HandedBack, OpinionStatus.Received, "housing-bureau"),
            (opinion.History[^1].From, opinion.History[^1].To, opinion.History[^1].ResponsibleUnitCode));
        Assert.Equal("不属于本单位职责", opinion.History[^2].Text);
    }

    [Theory]
    [InlineData("张三", ParticipantCategory.PublicRepresentative, "张三（群众代表）")]
    [InlineData("", ParticipantCategory.PublicRepresentative, "群众代表")] // asked not to be named
    [InlineData(" ", ParticipantCategory.NpcDeputy, "人大代表")]
    [InlineData("李四", ParticipantCategory.MediaReporter, "李四（媒体记者）")]
    public void Whoever_raised_it_is_named_only_as_they_wished(string name, ParticipantCategory category, string expected) =>
        Assert.Equal(expected, RaisedByNames.Display(name, category));
}
